"""The structure rules of docs/dev/architecture.md that import-linter cannot express, checked by
reading the source with ``ast``: import cycles, private names and public modules across apps
(test_imports), no ORM write in edges (test_writes), module and function sizes (test_sizes),
nothing outside the repository (test_standalone)."""
