//go:build !linux && !darwin

package outdir

// exchange is not available here: Commit swaps in two renames.
func exchange(a, b string) error { return errNoExchange }
