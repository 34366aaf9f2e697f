//go:build tools

// Package tools records the command this wrapper module builds.
package tools

import _ "github.com/opentofu/opentofu/cmd/tofu"
