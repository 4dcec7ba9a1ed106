-- One identifier of a directory resource; a reload replaces it. inserted is false for a replacement.
INSERT INTO practitioner_directory (resource_type, identifier_system, identifier_value, resource, loaded_at)
VALUES (:#resourceType, :#system, :#value, :#resource, :#loadedAt)
ON CONFLICT (resource_type, identifier_system, identifier_value)
DO UPDATE SET resource = EXCLUDED.resource, loaded_at = EXCLUDED.loaded_at
RETURNING (xmax = 0) AS inserted
