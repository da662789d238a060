"""El libro de códigos predeterminado en español (palabras nuestras): etiqueta, descripción,
criterios de inclusión, criterios de exclusión, ejemplo."""

TEXTS = {
    "education": (
        "Empoderar mediante la formación",
        "Formación continua de todo el personal de salud en diversidad cultural y escucha activa, "
        "y trabajo sobre los sesgos inconscientes que influyen en la atención.",
        "Lo que aprenden las personas profesionales de la salud: diversidad cultural, escucha "
        "activa, sesgos y cómo la gente quisiera que se enseñara.",
        "La información que se da a pacientes: use Promover una comunicación coherente y "
        "accesible.",
        "Al personal de enfermería deberían enseñarle a hablar con personas como yo.",
    ),
    "research": (
        "Defender la diversidad en la investigación",
        "Datos de investigación y de resultados que representen a toda la población, con datos "
        "coherentes y abiertos sobre los grupos infrarrepresentados y normas nacionales de "
        "inclusión.",
        "Quién participa en la investigación y quién se cuenta en los datos de salud: grupos "
        "ausentes, datos sobre origen étnico o género, normas de inclusión.",
        "La atención de una persona sin relación con la investigación o los datos: use Priorizar "
        "una atención integral centrada en la persona.",
        "Los ensayos nunca incluyen a personas como yo, así que nadie sabe si el medicamento "
        "funciona para nosotros.",
    ),
    "community": (
        "Incluir a las comunidades en la toma de decisiones",
        "Nada sobre nosotros sin nosotros: políticas duraderas y financiadas, construidas junto "
        "con las personas afectadas, por ejemplo con miembros de la comunidad en los consejos de "
        "los hospitales.",
        "Pacientes y comunidades que opinan sobre cómo se planifican y gestionan los servicios: "
        "consejos, consultas, políticas hechas en común.",
        "Las decisiones de una persona sobre su propia atención: use Priorizar una atención "
        "integral centrada en la persona.",
        "Cambiaron el horario del centro de salud sin preguntar a ninguna de las personas que lo "
        "usamos.",
    ),
    "person_centred": (
        "Priorizar una atención integral centrada en la persona",
        "Dar al personal de salud el tiempo y los medios para entender la situación de cada "
        "persona, los obstáculos que enfrenta y lo que prefiere.",
        "Cómo se trató a la persona en su propia atención: escucha, juicios, tiempo dedicado, "
        "acogida, comprensión de su situación.",
        "La formación o las políticas en general, sin experiencia personal de atención: use el "
        "tema que corresponda.",
        "La médica me preguntó qué era importante para mí antes de decidir nada.",
    ),
    "communication": (
        "Promover una comunicación coherente y accesible",
        "Alfabetización en salud, materiales que todas las personas puedan usar, mensajes claros "
        "de salud pública y voces de confianza frente a la desinformación.",
        "La información y los mensajes de salud: palabras claras, idiomas, intérpretes, formatos "
        "accesibles, confianza en los mensajes de salud pública, desinformación.",
        "Que un profesional no escuche a la persona: use Priorizar una atención integral "
        "centrada en la persona.",
        "El folleto estaba lleno de palabras que yo no entendía.",
    ),
    "workforce": (
        "Profesionales de la salud para todas las personas",
        "Carreras de salud abiertas a personas de todos los orígenes, para que el personal se "
        "parezca a las personas que atiende.",
        "Quién trabaja en la atención de salud: contratación, carreras, profesionales de todos "
        "los orígenes.",
        "Cómo trató un profesional a la persona: use Priorizar una atención integral centrada en "
        "la persona.",
        "Necesitamos más personal de enfermería de nuestra propia comunidad.",
    ),
    "not_listened_to": (
        "Falta de escucha",
        "La persona dice que un profesional no escuchó o no creyó lo que decía.",
        "Síntomas minimizados, interrupciones, preocupaciones que no se anotan o no tienen "
        "respuesta.",
        "Esperas o consultas apuradas sin señal de falta de escucha: use Tiempo con la persona "
        "profesional.",
        "Le dije tres veces que el dolor empeoraba y ella seguía escribiendo en el ordenador.",
    ),
    "judged": (
        "Juicios o estereotipos",
        "Se trató a la persona a través de un estereotipo sobre quién es.",
        "Suposiciones sobre el alcohol, las drogas, la tolerancia al dolor, la sexualidad o la "
        "cultura.",
        "Malos modos sin relación con quién es la persona: use Mala acogida o inseguridad.",
        "Lo primero que me preguntó el médico fue si había bebido.",
    ),
    "time_with_professional": (
        "Tiempo con la persona profesional",
        "El tiempo que un profesional pudo dedicar, demasiado corto o bien aprovechado.",
        "Citas apuradas, sin tiempo para preguntar, o un tiempo que marcó la diferencia.",
        "Que no le hagan caso durante una consulta larga: use Falta de escucha.",
        "Diez minutos, y la mitad mirando la computadora.",
    ),
    "not_welcome": (
        "Mala acogida o inseguridad",
        "La persona se sintió mal recibida, insegura o expuesta en un lugar de atención.",
        "Recepción hostil, que se equivoquen con su género, falta de intimidad, miedo a volver.",
        "Un estereotipo dicho sobre la persona: use Juicios o estereotipos.",
        "En la recepción dijeron en voz alta mi antiguo nombre delante de todo el mundo.",
    ),
    "unconscious_bias": (
        "Sesgos inconscientes",
        "Sesgos de los que el profesional puede no darse cuenta, y la formación que los trata.",
        "Trato desigual descrito como no intencionado; peticiones de formación sobre sesgos.",
        "Discriminación abierta y deliberada: use Juicios o estereotipos.",
        "Aun con la mejor intención, no tienen formación para pensar en pacientes trans.",
    ),
    "accessible_information": (
        "Información accesible",
        "Información que la persona pudo o no pudo entender o usar.",
        "Jerga, falta de intérprete, falta de formatos accesibles o de lectura fácil, "
        "explicaciones claras.",
        "Que no la escuchen cuando habla: use Falta de escucha.",
        "Nadie me explicó la carta, y solo estaba en inglés.",
    ),
    "representation": (
        "Profesionales que se parecen a mí",
        "Profesionales que comparten el origen, el idioma o la experiencia de vida de la persona.",
        "Ver rara vez o nunca profesionales que se parecen a ella o hablan como ella; desear "
        "que los hubiera.",
        "Las carreras y la contratación en general, sin experiencia personal de atención.",
        "En veinte años he visto a una sola enfermera que se parece a mí.",
    ),
}
