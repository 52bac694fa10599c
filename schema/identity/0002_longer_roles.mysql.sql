-- Role names up to 32 characters (platform_operator has 17; the column held 16), and users by
-- role (the operator's and the administrators' lists).
ALTER TABLE user_roles MODIFY role VARCHAR(32) NOT NULL;
CREATE INDEX user_roles_by_role ON user_roles (role);
