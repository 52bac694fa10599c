-- Role names up to 32 characters (platform_operator has 17; SQLite never held VARCHAR(16) to its
-- length, MariaDB did: see the mysql twin), and users by role.
CREATE INDEX user_roles_by_role ON user_roles (role);
