package lms

import (
	"encoding/xml"
	"strings"
)

// xmlDoc writes indented XML by hand, in a fixed order, so that a
// manifest's bytes depend only on its content.
type xmlDoc struct {
	sb    strings.Builder
	depth int
}

func newXML() *xmlDoc {
	d := &xmlDoc{}
	d.sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	return d
}

// attrs writes name="value" pairs; kv alternates names and values.
func (d *xmlDoc) attrs(kv []string) {
	for i := 0; i+1 < len(kv); i += 2 {
		d.sb.WriteString(" " + kv[i] + `="` + escape(kv[i+1]) + `"`)
	}
}

// open starts an element that holds others.
func (d *xmlDoc) open(name string, kv ...string) {
	d.indent()
	d.sb.WriteString("<" + name)
	d.attrs(kv)
	d.sb.WriteString(">\n")
	d.depth++
}

// close ends the element open last.
func (d *xmlDoc) close(name string) {
	d.depth--
	d.indent()
	d.sb.WriteString("</" + name + ">\n")
}

// leaf writes an element holding text (or nothing, when text is empty).
func (d *xmlDoc) leaf(name, text string, kv ...string) {
	d.indent()
	d.sb.WriteString("<" + name)
	d.attrs(kv)
	if text == "" {
		d.sb.WriteString("/>\n")
		return
	}
	d.sb.WriteString(">" + escape(text) + "</" + name + ">\n")
}

func (d *xmlDoc) indent() { d.sb.WriteString(strings.Repeat(" ", d.depth)) }

func (d *xmlDoc) bytes() []byte { return []byte(d.sb.String()) }

// escape makes text safe in XML content and attributes.
func escape(s string) string {
	var sb strings.Builder
	_ = xml.EscapeText(&sb, []byte(s))
	return sb.String()
}
