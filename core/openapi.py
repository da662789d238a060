"""drf-spectacular hooks: what the schema says about every operation (issue 14, point 8).

Every operation can answer with an error as well as its success: bad input (400), no sign-in
(401), a role that may not (403), an object outside the user's scope (404); an operation that
takes a body also refuses one too large (413) or of a type it does not read (415). The bodies are
JSON objects: ``{"detail": "..."}`` or, for bad input, one list of messages per field.
"""

ERROR_SCHEMA = "Error"
ERRORS = {
    "400": "Bad input: a message per field, or a detail.",
    "401": "Not signed in.",
    "403": "The user's role may not do this.",
    "404": "Not found among what the user may see.",
}
BODY_ERRORS = {
    "413": "The request body is too large.",
    "415": "The request body's media type is not accepted.",
}
METHODS = {"get", "post", "put", "patch", "delete"}


def document_error_responses(result, generator, request, public):
    """Postprocessing hook: the error answers of every operation, with one shared schema."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas[ERROR_SCHEMA] = {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": True,
    }
    reference = {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            errors = dict(ERRORS)
            if "requestBody" in operation:
                errors.update(BODY_ERRORS)
            responses = operation.setdefault("responses", {})
            for status, description in errors.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result
