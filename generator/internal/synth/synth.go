// Package synth writes synthetic multilingual training sites of any size for
// benchmarks: modules with lessons, real-sized paragraphs, full metadata. The
// same site can be built by oersite and by the peers (Hugo, Pagefind), so
// their figures compare like with like. Output is deterministic.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Spec sizes a site.
type Spec struct {
	Languages []string // e.g. en, it, de, es, fr
	Pages     int      // module pages per language, each one Markdown file
	Seed      uint64
}

var words = map[string][]string{
	"en": strings.Fields("business page post picture customer review message calendar video phone tutor learner session plan share reply write read photo story shop bakery garage salon market week month day morning evening simple clear friendly local online offline step tip idea question answer result number reach follower comment like contact address opening hours menu price offer service product team staff owner young older trust safety password privacy account profile group community event webinar lesson module skill practice example exercise checklist worksheet template goal progress feedback"),
	"it": strings.Fields("impresa pagina post foto cliente recensione messaggio calendario video telefono tutor allievo sessione piano condividere rispondere scrivere leggere negozio panificio officina salone mercato settimana mese giorno mattina sera semplice chiaro locale passo consiglio idea domanda risposta risultato numero commento contatto indirizzo orario prezzo offerta servizio prodotto squadra titolare giovane fiducia sicurezza password privacy profilo gruppo comunità evento lezione modulo competenza pratica esempio esercizio obiettivo progresso imprese"),
	"de": strings.Fields("Betrieb Seite Beitrag Foto Kunde Bewertung Nachricht Kalender Video Telefon Tutor Lernende Sitzung Plan teilen antworten schreiben lesen Laden Bäckerei Werkstatt Salon Markt Woche Monat Tag Morgen Abend einfach klar freundlich lokal Schritt Tipp Idee Frage Antwort Ergebnis Zahl Kommentar Kontakt Adresse Öffnungszeiten Preis Angebot Dienst Produkt Team Inhaber jung Vertrauen Sicherheit Passwort Datenschutz Profil Gruppe Gemeinschaft Veranstaltung Lektion Modul Fähigkeit Übung Beispiel Ziel Fortschritt"),
	"es": strings.Fields("empresa página publicación foto cliente reseña mensaje calendario vídeo teléfono tutor alumno sesión plan compartir responder escribir leer tienda panadería taller salón mercado semana mes día mañana tarde sencillo claro cercano local paso consejo idea pregunta respuesta resultado número comentario contacto dirección horario precio oferta servicio producto equipo dueño joven confianza seguridad contraseña privacidad perfil grupo comunidad evento lección módulo habilidad práctica ejemplo ejercicio objetivo progreso"),
	"fr": strings.Fields("entreprise page publication photo client avis message calendrier vidéo téléphone tuteur apprenant séance plan partager répondre écrire lire boutique boulangerie garage salon marché semaine mois jour matin soir simple clair local étape conseil idée question réponse résultat nombre commentaire contact adresse horaires prix offre service produit équipe patron jeune confiance sécurité mot passe confidentialité profil groupe communauté événement leçon module compétence pratique exemple exercice objectif progrès"),
}

// Write writes the site (config.toml and content/) into dir.
func Write(dir string, spec Spec) error {
	if len(spec.Languages) == 0 {
		spec.Languages = []string{"en", "it", "de", "es", "fr"}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "baseURL = \"https://bench.example.org/\"\ntitle = \"Benchmark site\"\ndefaultLanguage = %q\n# Like the peers' Hugo configuration (disableKinds taxonomy, term): no taxonomy pages.\ntaxonomies = []\n\n[offline]\nzip = false\n\n[vocabulary.audiences]\nsme-workers = \"professional\"\nyoung-tutors = \"peerTutor\"\n\n", spec.Languages[0])
	for i, l := range spec.Languages {
		fmt.Fprintf(&cfg, "[languages.%s]\nname = %q\nweight = %d\n\n", l, strings.ToUpper(l), i+1)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(cfg.String()), 0o644); err != nil {
		return err
	}
	for li, lang := range spec.Languages {
		vocab := words[lang]
		if vocab == nil {
			vocab = words["en"]
		}
		r := rand.New(rand.NewPCG(spec.Seed, uint64(li)))
		mdir := filepath.Join(dir, "content", lang, "modules")
		if err := os.MkdirAll(mdir, 0o755); err != nil {
			return err
		}
		for m := 0; m < spec.Pages; m++ {
			name := fmt.Sprintf("module-%05d.md", m)
			if err := os.WriteFile(filepath.Join(mdir, name), module(r, vocab, m), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

func sentence(r *rand.Rand, vocab []string, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = vocab[r.IntN(len(vocab))]
	}
	r0 := []rune(strings.Join(ws, " "))
	return strings.ToUpper(string(r0[:1])) + string(r0[1:]) + "."
}

func paragraph(r *rand.Rand, vocab []string) string {
	var b strings.Builder
	for i, n := 0, 5+r.IntN(4); i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sentence(r, vocab, 10+r.IntN(10)))
	}
	return b.String()
}

func module(r *rand.Rand, vocab []string, m int) []byte {
	levels := []string{"beginner", "intermediate", "advanced"}
	aud := []string{"sme-workers", "young-tutors"}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\nsummary: %q\naudience: [%s]\nlevel: %s\nduration: %dh\n", strings.TrimSuffix(sentence(r, vocab, 4), "."), sentence(r, vocab, 14), aud[m%2], levels[m%3], 1+m%4)
	fmt.Fprintf(&b, "objectives:\n  - %q\n  - %q\ndigcomp: [\"%d.%d\"]\nlicence: CC-BY-SA-4.0\nkeywords: [%s, %s]\nweight: %d\ndate: 2026-%02d-%02d\n---\n\n",
		sentence(r, vocab, 6), sentence(r, vocab, 6), 1+m%5, 1+m%3, vocab[r.IntN(len(vocab))], vocab[r.IntN(len(vocab))], m+1, 1+m%12, 1+m%28)
	for i := 0; i < 2; i++ {
		b.WriteString(paragraph(r, vocab) + "\n\n")
	}
	for s := 0; s < 3; s++ {
		fmt.Fprintf(&b, "## %s\n\n", strings.TrimSuffix(sentence(r, vocab, 4), "."))
		b.WriteString(paragraph(r, vocab) + "\n\n")
		if s == 1 {
			fmt.Fprintf(&b, "1. %s\n2. %s\n3. %s\n\n", sentence(r, vocab, 8), sentence(r, vocab, 8), sentence(r, vocab, 8))
		}
	}
	return []byte(b.String())
}
