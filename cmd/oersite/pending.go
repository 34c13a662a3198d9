package main

import (
	"context"
	"errors"
)

// Subcommands whose packages have not landed yet answer with a clear error.
var errNotYet = errors.New("this command is not available in this version yet")

func cmdMirror(context.Context, *cli, []string) error { return errNotYet }
