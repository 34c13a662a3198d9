package officedoc

import (
	"strconv"
	"strings"
)

// symbolChar is the Unicode character a w:sym shows: a character of the
// Symbol font (Greek letters, arrows, signs) or of Wingdings (ticks,
// boxes, arrows), which Word stores as a code of that font; "" for one
// that is not known here.
func symbolChar(font, code string) string {
	n, err := strconv.ParseUint(code, 16, 32)
	if err != nil {
		return ""
	}
	if n >= 0xF000 {
		n -= 0xF000 // Word's private-use copy of the font's code
	}
	if n > 0xFF {
		return string(rune(n)) // a Unicode character already
	}
	switch f := strings.ToLower(font); {
	case strings.HasPrefix(f, "wingdings"):
		return wingdings[byte(n)]
	case f == "symbol":
		if n >= 'A' && n <= 'Z' || n >= 'a' && n <= 'z' {
			if r := symbolGreek[byte(n)]; r != 0 {
				return string(r)
			}
			return ""
		}
		return symbolSigns[byte(n)]
	}
	return ""
}

// symbolGreek: the Symbol font's letters (Adobe's Symbol encoding).
var symbolGreek = map[byte]rune{
	'A': 'Α', 'B': 'Β', 'C': 'Χ', 'D': 'Δ', 'E': 'Ε', 'F': 'Φ', 'G': 'Γ', 'H': 'Η', 'I': 'Ι', 'K': 'Κ', 'L': 'Λ', 'M': 'Μ',
	'N': 'Ν', 'O': 'Ο', 'P': 'Π', 'Q': 'Θ', 'R': 'Ρ', 'S': 'Σ', 'T': 'Τ', 'U': 'Υ', 'W': 'Ω', 'X': 'Ξ', 'Y': 'Ψ', 'Z': 'Ζ',
	'a': 'α', 'b': 'β', 'c': 'χ', 'd': 'δ', 'e': 'ε', 'f': 'φ', 'g': 'γ', 'h': 'η', 'i': 'ι', 'k': 'κ', 'l': 'λ', 'm': 'μ',
	'n': 'ν', 'o': 'ο', 'p': 'π', 'q': 'θ', 'r': 'ρ', 's': 'σ', 't': 'τ', 'u': 'υ', 'w': 'ω', 'x': 'ξ', 'y': 'ψ', 'z': 'ζ',
}

// symbolSigns: the Symbol font's signs most used in teaching material.
var symbolSigns = map[byte]string{
	0xB7: "•", 0xD7: "×", 0xB8: "÷", 0xB1: "±", 0xB0: "°", 0xAE: "→", 0xAC: "←", 0xAD: "↑", 0xAF: "↓", 0xAB: "↔",
	0xDE: "⇒", 0xDC: "⇐", 0xDB: "⇔", 0xB3: "≥", 0xA3: "≤", 0xB9: "≠", 0xBB: "≈", 0xA5: "∞", 0xD6: "√", 0xE5: "∑",
	0x25: "%", 0x2B: "+", 0x2D: "−", 0x3D: "=", 0x3C: "<", 0x3E: ">", 0xA2: "′", 0xB2: "″", 0xBC: "…", 0xD3: "©", 0xD2: "®", 0xD4: "™",
}

// wingdings: the Wingdings characters used as ticks, boxes, arrows and
// bullets.
var wingdings = map[byte]string{
	0xFC: "✔", 0xFB: "✘", 0xFD: "☒", 0xFE: "☑", 0xA8: "☐", 0x6F: "☐", 0x71: "❑", 0x78: "☒",
	0xE0: "→", 0xDF: "←", 0xE1: "↑", 0xE2: "↓", 0xE8: "➔", 0xD8: "➢", 0xF0: "⇨",
	0xA7: "▪", 0x9F: "•", 0x6C: "●", 0x6E: "■", 0x75: "◆", 0x76: "❖", 0x4A: "☺", 0x4B: "😐", 0x4C: "☹",
	0x43: "👍", 0x44: "👎", 0x28: "☎", 0x29: "✆", 0x2A: "✉", 0x3A: "💻", 0x3F: "✍", 0x4E: "☠", 0xAB: "★",
}
