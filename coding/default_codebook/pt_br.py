"""O livro de códigos padrão em português do Brasil (nossas palavras): rótulo, descrição,
critérios de inclusão, critérios de exclusão, exemplo."""

TEXTS = {
    "education": (
        "Capacitar pela educação",
        "Formação contínua de todos os profissionais de saúde em diversidade cultural e escuta "
        "ativa, e trabalho sobre os vieses inconscientes que influenciam o cuidado.",
        "O que os profissionais de saúde aprendem: diversidade cultural, escuta ativa, vieses e "
        "como as pessoas gostariam que isso fosse ensinado.",
        "Informações dadas aos pacientes: use Promover uma comunicação coerente e acessível.",
        "A equipe de enfermagem deveria aprender a conversar com pessoas como eu.",
    ),
    "research": (
        "Defender a diversidade na pesquisa",
        "Dados de pesquisa e de resultados que representem toda a população, com dados coerentes "
        "e abertos sobre grupos sub-representados e normas nacionais de inclusão.",
        "Quem participa da pesquisa e quem é contado nos dados de saúde: grupos ausentes, dados "
        "sobre raça, etnia ou gênero, normas de inclusão.",
        "O tratamento de uma pessoa sem ligação com pesquisa ou dados: use Priorizar o cuidado "
        "integral e centrado na pessoa.",
        "Os estudos nunca incluem pessoas como eu, então ninguém sabe se o remédio funciona para "
        "nós.",
    ),
    "community": (
        "Incluir as comunidades nas decisões",
        "Nada sobre nós sem nós: políticas duradouras e financiadas, construídas junto com as "
        "pessoas afetadas, como membros da comunidade nos conselhos dos hospitais.",
        "Pacientes e comunidades opinando sobre como os serviços são planejados e geridos: "
        "conselhos, consultas, políticas feitas em conjunto.",
        "As escolhas de uma pessoa sobre o próprio cuidado: use Priorizar o cuidado integral e "
        "centrado na pessoa.",
        "Mudaram o horário da unidade sem perguntar a nenhum de nós que usamos o serviço.",
    ),
    "person_centred": (
        "Priorizar o cuidado integral e centrado na pessoa",
        "Dar aos profissionais o tempo e os meios para entender a situação de cada pessoa, os "
        "obstáculos que ela enfrenta e o que ela prefere.",
        "Como a pessoa foi tratada no próprio cuidado: ouvida, julgada, o tempo dedicado, o "
        "acolhimento, a situação dela compreendida.",
        "Formação ou políticas em geral, sem experiência pessoal de cuidado: use o tema a que "
        "pertencem.",
        "O médico perguntou o que era importante para mim antes de decidir qualquer coisa.",
    ),
    "communication": (
        "Promover uma comunicação coerente e acessível",
        "Letramento em saúde, materiais que todas as pessoas possam usar, mensagens claras de "
        "saúde pública e vozes de confiança contra a desinformação.",
        "Informações e mensagens de saúde: palavras claras, idiomas, intérpretes, formatos "
        "acessíveis, confiança nas mensagens de saúde pública, desinformação.",
        "Não ser ouvido(a) por um(a) profissional: use Priorizar o cuidado integral e centrado "
        "na pessoa.",
        "O folheto estava cheio de palavras que eu não entendia.",
    ),
    "workforce": (
        "Profissionais de saúde para todas as pessoas",
        "Carreiras na saúde abertas a pessoas de todas as origens, para que as equipes se pareçam "
        "com as pessoas de quem cuidam.",
        "Quem trabalha na saúde: contratação, carreiras, profissionais de todas as origens.",
        "Como um(a) profissional tratou a pessoa: use Priorizar o cuidado integral e centrado na "
        "pessoa.",
        "Precisamos de mais profissionais de enfermagem da nossa própria comunidade.",
    ),
    "not_listened_to": (
        "Falta de escuta",
        "A pessoa diz que um(a) profissional não ouviu ou não acreditou no que ela disse.",
        "Sintomas minimizados, ser interrompido(a), preocupações não anotadas ou sem resposta.",
        "Espera ou consulta apressada sem sinal de não ter sido ouvido(a): use Tempo com o(a) "
        "profissional.",
        "Eu disse três vezes que a dor estava piorando e ela continuava digitando.",
    ),
    "judged": (
        "Julgamento ou estereótipo",
        "A pessoa foi tratada a partir de um estereótipo sobre quem ela é.",
        "Suposições sobre álcool, drogas, resistência à dor, sexualidade ou cultura.",
        "Falta de educação sem ligação com quem a pessoa é: use Mal acolhimento ou insegurança.",
        "A primeira coisa que o médico perguntou foi se eu tinha bebido.",
    ),
    "time_with_professional": (
        "Tempo com o(a) profissional",
        "O tempo que um(a) profissional pôde dedicar, curto demais ou bem usado.",
        "Consultas apressadas, sem tempo para perguntas, ou um tempo que fez diferença.",
        "Ser ignorado(a) durante uma consulta longa: use Falta de escuta.",
        "Dez minutos, e metade deles no computador.",
    ),
    "not_welcome": (
        "Mal acolhimento ou insegurança",
        "A pessoa se sentiu mal acolhida, insegura ou exposta em um serviço de saúde.",
        "Recepção hostil, ser tratado(a) pelo gênero errado, falta de privacidade, medo de voltar.",
        "Um estereótipo dito sobre a pessoa: use Julgamento ou estereótipo.",
        "Na recepção, chamaram meu nome antigo na frente de todo mundo.",
    ),
    "unconscious_bias": (
        "Vieses inconscientes",
        "Vieses dos quais o(a) profissional pode não ter consciência, e a formação que trata "
        "deles.",
        "Tratamento desigual descrito como não intencional; pedidos de formação sobre vieses.",
        "Discriminação aberta e intencional: use Julgamento ou estereótipo.",
        "Mesmo com a melhor das intenções, eles não são preparados para pensar em pacientes trans.",
    ),
    "accessible_information": (
        "Informação acessível",
        "Informações que a pessoa conseguiu ou não entender ou usar.",
        "Jargão, falta de intérprete, falta de formatos acessíveis ou de leitura fácil, "
        "explicações claras.",
        "Não ser ouvido(a) ao falar: use Falta de escuta.",
        "Ninguém explicou a carta, e ela estava só em inglês.",
    ),
    "representation": (
        "Profissionais que se parecem comigo",
        "Profissionais que compartilham a origem, o idioma ou a experiência de vida da pessoa.",
        "Ver raramente ou nunca profissionais que se parecem ou falam como ela; desejar que "
        "houvesse.",
        "Carreiras e contratação em geral, sem experiência pessoal de cuidado.",
        "Em vinte anos, vi uma única enfermeira parecida comigo.",
    ),
}
