//go:build tools

// Package tools records the commands this wrapper module builds.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
