package auth

import "github.com/sporbar/sporbar/internal/domain"

// RoleName is a role's Danish name.
func RoleName(role string) string { return domain.RoleLabel(role) }
