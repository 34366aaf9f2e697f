//go:build tools

// Package tools records the commands this wrapper module builds.
package tools

import _ "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
