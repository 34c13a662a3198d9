package lms_test

import (
	"os"
	"testing"

	"github.com/oersite/oersite/generator/internal/site"
)

func TestDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	dir := writeSite(t, moduleSite)
	for n, d := range export(t, dir, site.ExportCartridge, "en") {
		os.WriteFile("/tmp/h19-"+n, d, 0o644)
	}
	for n, d := range export(t, dir, site.ExportSCORM, "en") {
		os.WriteFile("/tmp/h19-"+n, d, 0o644)
	}
}
