package harvest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/oersite/oersite/generator/internal/partner"
)

// oaiRepository is the part of an OAI-PMH static repository harvest reads:
// the oai_dc records. Elements are matched by local name.
type oaiRepository struct {
	XMLName xml.Name    `xml:"Repository"`
	Records []oaiRecord `xml:"ListRecords>record"`
}

type oaiRecord struct {
	Identifier string `xml:"header>identifier"`
	Datestamp  string `xml:"header>datestamp"`
	DC         struct {
		Title       []string `xml:"title"`
		Creator     []string `xml:"creator"`
		Subject     []string `xml:"subject"`
		Description []string `xml:"description"`
		Date        []string `xml:"date"`
		Type        []string `xml:"type"`
		Identifier  []string `xml:"identifier"`
		Language    []string `xml:"language"`
		Rights      []string `xml:"rights"`
	} `xml:"metadata>dc"`
}

// parseOAI reads an OAI-PMH static repository's oai_dc records.
func parseOAI(data []byte, max int) ([]partner.Item, error) {
	var repo oaiRepository
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	if err := dec.Decode(&repo); err != nil {
		return nil, fmt.Errorf("the OAI-PMH static repository is not valid XML: %v", err)
	}
	if len(repo.Records) > max {
		return nil, fmt.Errorf("the repository holds %d records, more than the %d accepted", len(repo.Records), max)
	}
	items := make([]partner.Item, 0, len(repo.Records))
	for _, r := range repo.Records {
		dc := r.DC
		it := partner.Item{
			ID:          r.Identifier,
			Title:       first(dc.Title),
			Description: first(dc.Description),
			Authors:     dc.Creator,
			Keywords:    dc.Subject,
			Languages:   dc.Language,
			Date:        day(first(append(dc.Date, r.Datestamp))),
		}
		for _, id := range dc.Identifier {
			if u := partner.WebURL(id); u != "" {
				it.URL = u
				break
			}
		}
		for _, rt := range dc.Rights {
			if partner.WebURL(rt) != "" || it.Licence == "" {
				it.Licence = rt
			}
		}
		if t := first(dc.Type); t != "" {
			it.Type = typeFromDC(t)
		}
		items = append(items, it)
	}
	return items, nil
}

// typeFromDC maps a Dublin Core type (DCMI Type or a label such as
// "Course") to the short types.
func typeFromDC(t string) string {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "movingimage", "moving image", "video":
		return "video"
	case "sound", "audio", "audio recording":
		return "audio"
	case "stillimage", "image":
		return "image"
	case "event":
		return "event"
	case "interactiveresource", "interactive resource":
		return "other"
	}
	return typeFromHCRT(strings.ReplaceAll(strings.ToLower(t), " ", "_"))
}

func first(l []string) string {
	for _, s := range l {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
