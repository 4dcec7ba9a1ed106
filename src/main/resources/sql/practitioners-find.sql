-- The directory resources of a type with an identifier value, under any system; the caller keeps the
-- one whose system the conditional reference names (or all of them when it names none).
SELECT identifier_system, resource
FROM practitioner_directory
WHERE resource_type = :#resourceType AND identifier_value = :#value
ORDER BY identifier_system
