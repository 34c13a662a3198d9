package importer

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// settings is a source's configuration file decoded, keys lower-cased.
type settings map[string]any

// readSettings decodes the first of names that exists (TOML, YAML or JSON
// by extension), and merges the rest of extras over it: Hugo's
// config/_default/ files.
func readSettings(src fs.FS, names ...string) (settings, string, error) {
	for _, n := range names {
		data, err := fs.ReadFile(src, n)
		if err != nil {
			continue
		}
		s, err := decodeSettings(n, data)
		if err != nil {
			return nil, n, fmt.Errorf("%s does not parse: %w", n, err)
		}
		return s, n, nil
	}
	return settings{}, "", nil
}

func decodeSettings(name string, data []byte) (settings, error) {
	raw := map[string]any{}
	var err error
	switch strings.ToLower(path.Ext(name)) {
	case ".toml":
		_, err = toml.Decode(string(data), &raw)
	case ".json":
		err = json.Unmarshal(data, &raw)
	default:
		var node yaml.Node
		if err = yaml.Unmarshal(data, &node); err == nil && len(node.Content) > 0 {
			raw = yamlMap(node.Content[0])
		}
	}
	if err != nil {
		return nil, err
	}
	return lowerKeys(raw), nil
}

// yamlMap decodes a YAML mapping, ignoring tags it cannot decode (MkDocs
// configs hold !!python/name: and !ENV values).
func yamlMap(n *yaml.Node) map[string]any {
	out := map[string]any{}
	if n.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = yamlAny(n.Content[i+1])
	}
	return out
}

func yamlAny(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		return yamlMap(n)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, yamlAny(c))
		}
		return out
	case yaml.AliasNode:
		if n.Alias != nil {
			return yamlAny(n.Alias)
		}
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err == nil {
			return v
		}
		return n.Value
	}
	return nil
}

func lowerKeys(m map[string]any) settings {
	out := settings{}
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}

func (s settings) str(key string) string {
	switch v := s[key].(type) {
	case string:
		return strings.TrimSpace(v)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

func (s settings) table(key string) settings {
	switch v := s[key].(type) {
	case map[string]any:
		return lowerKeys(v)
	case settings:
		return v
	}
	return settings{}
}

func (s settings) list(key string) []string {
	var out []string
	switch v := s[key].(type) {
	case []any:
		for _, e := range v {
			if str, ok := e.(string); ok {
				out = append(out, str)
			}
		}
	case string:
		out = append(out, v)
	}
	return out
}

// number reads an int or float setting.
func number(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int64:
		return int(x), true
	case float64:
		return int(x), true
	case json.Number:
		n, err := x.Int64()
		return int(n), err == nil
	case string:
		var n int
		_, err := fmt.Sscan(x, &n)
		return n, err == nil
	}
	return 0, false
}

// orderLanguages puts def first, then the others by weight, then by code.
func orderLanguages(def string, weights map[string]int) []string {
	var langs []string
	for l := range weights {
		if l != def {
			langs = append(langs, l)
		}
	}
	sort.Slice(langs, func(i, j int) bool {
		if weights[langs[i]] != weights[langs[j]] {
			return weights[langs[i]] < weights[langs[j]]
		}
		return langs[i] < langs[j]
	})
	return append([]string{def}, langs...)
}
