package main

import (
	"context"
	"errors"
)

// Subcommands whose packages have not landed yet answer with a clear error.
var errNotYet = errors.New("this command is not available in this version yet")

func cmdServe(context.Context, *cli, []string) error  { return errNotYet }
func cmdNew(context.Context, *cli, []string) error    { return errNotYet }
func cmdCheck(context.Context, *cli, []string) error  { return errNotYet }
func cmdSearch(context.Context, *cli, []string) error { return errNotYet }
func cmdMirror(context.Context, *cli, []string) error { return errNotYet }
