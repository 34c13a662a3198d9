package theme

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/oersite/oersite/generator/internal/config"

	"github.com/oersite/oersite/generator/internal/site"
)

// FormView is a configured form, resolved for one page's language.
type FormView struct {
	Name     string
	Action   string // where the form posts; empty when it composes an e-mail
	Mailto   string // the contact address when there is no endpoint
	Netlify  bool
	Honeypot string
	Intents  []string
	Single   bool // the form has no intents of its own: one form, no choice
	Fields   []FieldView
	Config   config.Form
	// Recipient is who receives requests unless Recipients says otherwise,
	// named beside the consent box.
	Recipient string
	// Recipients is, for the script, the JSON of the partners by value of
	// RouteField: {"IT": {"name": "...", "email": "..."}}; "" when none.
	Recipients string
	RouteField string
}

// FieldView is one field with its options resolved.
type FieldView struct {
	config.Field
	ID    string
	Label string // in the page's language
	// Post is the name the field is sent under: its name for a form service;
	// its label when the form composes an e-mail, whose body then reads
	// "Country=Italy" rather than "country=IT".
	Post string
	// Missing is the message for a required field left empty: "Enter your e-mail address".
	Missing string
	Options []OptionView
	// IntentList is the field's intents as a space-separated list, for data attributes.
	IntentList string
}

// OptionView is one choice of a select, radio or multiselect field. Post is
// the value sent: Value for a form service, Label in a composed e-mail.
type OptionView struct {
	Value, Label, Post string
	// Lang is the language of Label when it is not the page's: a language's
	// own name, an untranslated module's title.
	Lang string
}

// Form returns the form configured under [forms.<name>], or nil.
func (v *View) Form(name string) *FormView {
	f, ok := v.Config().Forms[name]
	if !ok {
		return nil
	}
	fv := &FormView{Name: name, Netlify: f.Netlify, Honeypot: f.Honeypot, Config: f, Recipient: f.Recipient, RouteField: f.RouteField()}
	switch {
	case f.Endpoint == "" && f.Netlify:
		// Netlify receives the plain POST to the page itself: a form service
	case f.Endpoint == "":
		fv.Mailto = v.Site.Config.Contact
	case f.Endpoint == "local":
		fv.Action = v.Page.Rel("_forms/" + url.PathEscape(name))
		fv.Action = strings.TrimSuffix(fv.Action, "index.html")
	default:
		fv.Action = f.Endpoint
	}
	if len(f.Recipients) > 0 {
		b, _ := json.Marshal(f.Recipients) // names and addresses always marshal
		fv.Recipients = string(b)
	}
	for _, in := range f.Intents {
		fv.Intents = append(fv.Intents, in.ID)
	}
	if len(fv.Intents) == 0 {
		fv.Intents = []string{"main"} // a form with one purpose
		fv.Single = true
	}
	for _, fd := range f.Fields {
		fv.Fields = append(fv.Fields, v.fieldView(name, fd, fv.Mailto != ""))
	}
	return fv
}

// fieldView resolves one field's label, messages and options; mail is true
// when the form composes an e-mail, which is then sent under labels.
func (v *View) fieldView(form string, fd config.Field, mail bool) FieldView {
	field := FieldView{Field: fd, ID: "f-" + form + "-" + fd.Name, IntentList: strings.Join(fd.Intents, " "),
		Label: v.formText(form, fd.Name+".label", fd.Name)}
	switch fd.OptionsFrom {
	case "modules", "languages":
		for _, c := range v.Site.Choices(fd.OptionsFrom, v.Page.Lang) {
			field.Options = append(field.Options, OptionView{Value: c.Value, Label: c.Label, Lang: c.Lang})
		}
	default:
		for _, o := range fd.Options {
			field.Options = append(field.Options, OptionView{Value: o, Label: v.formText(form, fd.Name+".option."+o, o)})
		}
	}
	generic := "form.msg.required"
	if fd.Type == "select" || fd.Type == "radio" || fd.Type == "multiselect" {
		generic = "form.msg.choose"
	}
	field.Missing = v.formText(form, fd.Name+".required", v.Tf(generic, "label", field.Label))
	field.Post = fd.Name
	for i := range field.Options {
		field.Options[i].Post = field.Options[i].Value
	}
	if mail {
		field.Post = field.Label
		for i := range field.Options {
			field.Options[i].Post = field.Options[i].Label
		}
		if fd.Name == "consent" {
			field.Post = v.T("form.mail.consent")
		}
	}
	return field
}

// FormText translates a form string: form.<form>.<key>, or def when it is missing.
func (v *View) FormText(form, key string) string { return v.formText(form, key, "") }

func (v *View) formText(form, key, def string) string {
	k := fmt.Sprintf("form.%s.%s", form, key)
	if s := v.T(k); s != k {
		return s
	}
	return def
}

// InIntent reports whether a field belongs to an intent (fields without intents belong to all).
func (f FieldView) InIntent(intent string) bool {
	if len(f.Intents) == 0 {
		return true
	}
	for _, i := range f.Intents {
		if i == intent {
			return true
		}
	}
	return false
}

// Shared reports whether the field belongs to every intent.
func (f FieldView) Shared() bool { return len(f.Intents) == 0 }

// FormMessages are the form script's messages in the page's language.
func (v *View) FormMessages() map[string]string {
	out := map[string]string{}
	for _, k := range []string{"email", "format", "tel", "range", "toolong", "retry", "sending", "sent", "failed", "offline", "copied", "copiedaddress", "copyfailed"} {
		out[k] = v.T("form.msg." + k)
	}
	out["opportunity"] = v.T("opportunity.reference")
	return out
}

// OpportunityRefs are the opportunities a request can be about, for the
// request form's script: by slug (what an opportunity's reply button puts
// in ?opportunity=), their title, address and closing day.
func (v *View) OpportunityRefs() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, p := range v.Site.Pages {
		if p.Kind != site.KindOpportunity || p.Lang != v.Page.Lang || !p.IsOpen() {
			continue
		}
		ref := map[string]string{"t": p.Title, "u": p.Permalink()}
		if !p.Meta.Closes.IsZero() {
			ref["c"] = v.Day(p.Meta.Closes)
		}
		out[v.Slug(p)] = ref
	}
	return out
}
