package cartridge

import (
	"cmp"
	"encoding/json"
	"hash/fnv"
	"html"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// The H5P games a printed page can still hold, as a teacher would print
// them: a personality quiz its questions, each answer with the
// personalities it counts for, then the personalities; a find-the-words a
// grid of letters with the words hidden in it, the words to find, and the
// grid with only the words to open; an arithmetic quiz its questions drawn
// once, as a knowledge check; an advent calendar its doors, each to open.
// Whatever is drawn (the grid, the sums) is drawn from the content itself,
// so that importing it again makes the same page.

// personalityQuiz adds a Personality Quiz; false when it has no question.
func (h *h5pReader) personalityQuiz(raw json.RawMessage, pg *h5pPage, level int) bool {
	var p struct {
		Title struct {
			Title struct {
				Text string `json:"text"`
			} `json:"title"`
			Image h5pImageField `json:"image"`
		} `json:"titleScreen"`
		Personalities []struct {
			Name        string        `json:"name"`
			Description string        `json:"description"`
			Image       h5pImageField `json:"image"`
		} `json:"personalities"`
		Questions []struct {
			Text    string        `json:"text"`
			Image   h5pImageField `json:"image"`
			Answers []struct {
				Text        string        `json:"text"`
				Personality string        `json:"personality"`
				Image       h5pImageField `json:"image"`
			} `json:"answers"`
		} `json:"questions"`
	}
	if !decodeParams(raw, &p) || len(p.Questions) == 0 {
		return false
	}
	names := map[string]string{} // a personality's name as answers write it -> as the quiz shows it
	for _, ps := range p.Personalities {
		if n := strings.TrimSpace(ps.Name); n != "" {
			names[strings.ToLower(n)] = n
		}
	}
	h.text(pg, inBold(html.EscapeString(plainText(p.Title.Title.Text)))+h.creditedPicture(p.Title.Image.File, p.Title.Image.Alt, false, h5pRights{}))
	for _, q := range p.Questions {
		var answers strings.Builder
		for _, a := range q.Answers {
			var counts []string
			for _, n := range strings.Split(a.Personality, ",") {
				if shown := names[strings.ToLower(strings.TrimSpace(n))]; shown != "" {
					counts = append(counts, shown)
				}
			}
			answers.WriteString("<li>" + html.EscapeString(plainText(a.Text)))
			if len(counts) > 0 {
				answers.WriteString(" → " + html.EscapeString(strings.Join(counts, ", ")))
			}
			answers.WriteString(h.creditedPicture(a.Image.File, a.Image.Alt, false, h5pRights{}) + "</li>")
		}
		h.text(pg, inBold(html.EscapeString(plainText(q.Text)))+h.creditedPicture(q.Image.File, q.Image.Alt, false, h5pRights{})+"<ul>"+answers.String()+"</ul>")
	}
	for _, ps := range p.Personalities {
		h.heading(pg, level, ps.Name)
		h.text(pg, h.creditedPicture(ps.Image.File, ps.Image.Alt, false, h5pRights{})+"<p>"+html.EscapeString(plainText(ps.Description))+"</p>")
	}
	return true
}

// h5pImageField is a picture a content gives as a file of its own.
type h5pImageField struct {
	File h5pFile `json:"file"`
	Alt  string  `json:"alt"`
}

// findTheWords adds a Find the Words: its task, the grid, the words to
// find (when the content shows them), and the grid with only the words
// to open; false when it has no word.
func (h *h5pReader) findTheWords(raw json.RawMessage, pg *h5pPage) bool {
	var p struct {
		Task      string `json:"taskDescription"`
		Words     string `json:"wordList"`
		Behaviour struct {
			Orientations   map[string]h5pBool `json:"orientations"`
			FillPool       string             `json:"fillPool"`
			ShowVocabulary *h5pBool           `json:"showVocabulary"`
		} `json:"behaviour"`
		L10n struct {
			ShowSolution string `json:"showSolution"`
			Header       string `json:"wordListHeader"`
		} `json:"l10n"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	var words []string
	for _, w := range strings.Split(p.Words, ",") {
		if w = strings.Join(strings.Fields(w), ""); w != "" && len([]rune(w)) <= 24 && len(words) < 40 {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return false
	}
	var dirs [][2]int
	for _, d := range wordDirections {
		if o, ok := p.Behaviour.Orientations[d.name]; !ok || bool(o) {
			dirs = append(dirs, d.step)
		}
	}
	if len(dirs) == 0 {
		dirs = [][2]int{wordDirections[0].step}
	}
	g := placeWords(words, dirs, p.Behaviour.FillPool, p.Words)
	task := para(p.Task)
	h.text(pg, task+"<pre>"+html.EscapeString(g.letters(false))+"</pre>")
	if p.Behaviour.ShowVocabulary == nil || bool(*p.Behaviour.ShowVocabulary) {
		var list strings.Builder
		for _, w := range words {
			list.WriteString("<li>" + html.EscapeString(w) + "</li>")
		}
		header := ""
		if t := plainText(p.L10n.Header); t != "" {
			header = inBold(html.EscapeString(t))
		}
		h.text(pg, header+"<ul>"+list.String()+"</ul>")
	}
	h.text(pg, solutionToOpen("<pre>"+html.EscapeString(g.letters(true))+"</pre>", p.L10n.ShowSolution))
	return true
}

// wordDirections are Find the Words' orientations, by their names in the
// content, as (row, column) steps, in an order of their own (so that the
// grid drawn is the same on every import).
var wordDirections = []struct {
	name string
	step [2]int
}{
	{"horizontal", [2]int{0, 1}}, {"horizontalBack", [2]int{0, -1}}, {"vertical", [2]int{1, 0}}, {"verticalUp", [2]int{-1, 0}},
	{"diagonal", [2]int{1, 1}}, {"diagonalBack", [2]int{1, -1}}, {"diagonalUp", [2]int{-1, 1}}, {"diagonalUpBack", [2]int{-1, -1}},
}

// wordGrid is a grid of letters, and which cells the words take.
type wordGrid struct {
	cells [][]rune
	word  [][]bool
}

// letters is the grid as lines of letters spaced apart; only the words'
// letters (the others a dot) for the solution.
func (g wordGrid) letters(solution bool) string {
	var b strings.Builder
	for r, row := range g.cells {
		for c, ch := range row {
			if c > 0 {
				b.WriteByte(' ')
			}
			if solution && !g.word[r][c] {
				ch = '·'
			}
			b.WriteRune(ch)
		}
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

// placeWords hides the words in a square grid, longest first, each in one
// of the directions, crossing where their letters agree, in the smallest
// grid (from the longest word's length) that holds them all; the other
// cells are letters of pool (a to z when it has none). seed makes the
// draw the content's own.
func placeWords(words []string, dirs [][2]int, pool, seed string) wordGrid {
	upper := make([][]rune, len(words))
	longest, letters := 0, 0
	for i, w := range words {
		upper[i] = []rune(strings.ToUpper(w))
		longest = max(longest, len(upper[i]))
		letters += len(upper[i])
	}
	order := make([]int, len(words))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(len(upper[j]), len(upper[i])) }) // longest first
	f := fnv.New64a()
	f.Write([]byte(seed))
	size := max(longest, isqrt(letters*2))
	for ; ; size++ {
		rng := rand.New(rand.NewPCG(f.Sum64(), uint64(size)))
		if g, ok := tryPlace(upper, order, dirs, size, rng); ok || size >= longest+len(words)*2 {
			fillGrid(g, pool, rng)
			return g
		}
	}
}

// isqrt is the integer square root of n (rounded up).
func isqrt(n int) int {
	r := 0
	for r*r < n {
		r++
	}
	return r
}

// tryPlace places the words in a grid of size; false when one found no
// place (the grid then holds those that did).
func tryPlace(words [][]rune, order []int, dirs [][2]int, size int, rng *rand.Rand) (wordGrid, bool) {
	g := wordGrid{cells: make([][]rune, size), word: make([][]bool, size)}
	for r := range g.cells {
		g.cells[r] = make([]rune, size)
		g.word[r] = make([]bool, size)
	}
	all := true
	for _, i := range order {
		w := words[i]
		placed := false
		for try := 0; try < 200 && !placed; try++ {
			d := dirs[rng.IntN(len(dirs))]
			r0, c0 := rng.IntN(size), rng.IntN(size)
			if fits(g, w, r0, c0, d) {
				for k, ch := range w {
					r, c := r0+k*d[0], c0+k*d[1]
					g.cells[r][c], g.word[r][c] = ch, true
				}
				placed = true
			}
		}
		all = all && placed
	}
	return g, all
}

// fits says whether w goes at (r0, c0) in direction d: within the grid,
// each cell empty or holding the same letter.
func fits(g wordGrid, w []rune, r0, c0 int, d [2]int) bool {
	size := len(g.cells)
	for k, ch := range w {
		r, c := r0+k*d[0], c0+k*d[1]
		if r < 0 || c < 0 || r >= size || c >= size || (g.cells[r][c] != 0 && g.cells[r][c] != ch) {
			return false
		}
	}
	return true
}

// fillGrid fills the empty cells with letters of pool.
func fillGrid(g wordGrid, pool string, rng *rand.Rand) {
	var letters []rune
	for _, r := range strings.ToUpper(pool) {
		if unicode.IsLetter(r) {
			letters = append(letters, r)
		}
	}
	if len(letters) == 0 {
		letters = []rune("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	}
	for r := range g.cells {
		for c := range g.cells[r] {
			if g.cells[r][c] == 0 {
				g.cells[r][c] = letters[rng.IntN(len(letters))]
			}
		}
	}
}

// arithmeticQuiz adds an Arithmetic Quiz of sums (not its equations, which
// are left out): its introduction, then its questions ("7 × 8 = ?"), drawn
// once, each with its answer and two near it, as a knowledge check; false
// for an equation quiz.
func (h *h5pReader) arithmeticQuiz(raw json.RawMessage, pg *h5pPage, title string) bool {
	var p struct {
		Type  string `json:"arithmeticType"`
		Count int    `json:"maxQuestions"`
		Intro string `json:"intro"`
		Quiz  string `json:"quizType"`
	}
	if !decodeParams(raw, &p) || (p.Quiz != "" && p.Quiz != "arithmetic") {
		return false
	}
	sign, ok := map[string]string{"addition": "+", "subtraction": "−", "multiplication": "×", "division": "÷"}[p.Type]
	if !ok {
		return false
	}
	count := p.Count
	if count <= 0 || count > 30 {
		count = 10
	}
	f := fnv.New64a()
	f.Write(raw)
	rng := rand.New(rand.NewPCG(f.Sum64(), 1))
	h.text(pg, para(p.Intro))
	for range count {
		a, b, answer := drawSum(p.Type, rng)
		options := nearAnswers(answer, rng)
		var choices []choice
		for _, o := range options {
			choices = append(choices, choice{text: strconv.Itoa(o), right: o == answer})
		}
		pg.question(h.c.choiceMarkdown(strconv.Itoa(a)+" "+sign+" "+strconv.Itoa(b)+" = ?", title, choices))
	}
	pg.checkTitle = title
	h.flush(pg)
	return true
}

// drawSum draws a sum of the kind, with small whole numbers as H5P draws
// them: its two numbers and its answer (a division's a whole number).
func drawSum(kind string, rng *rand.Rand) (a, b, answer int) {
	switch kind {
	case "addition":
		a, b = 1+rng.IntN(20), 1+rng.IntN(20)
		return a, b, a + b
	case "subtraction":
		a = 2 + rng.IntN(19)
		b = 1 + rng.IntN(a-1)
		return a, b, a - b
	case "multiplication":
		a, b = 1+rng.IntN(10), 1+rng.IntN(10)
		return a, b, a * b
	default: // division
		b, answer = 1+rng.IntN(10), 1+rng.IntN(10)
		return b * answer, b, answer
	}
}

// nearAnswers is the answer and two other whole numbers near it (not
// below zero when it is not), in an order drawn.
func nearAnswers(answer int, rng *rand.Rand) []int {
	out := []int{answer}
	for _, step := range rng.Perm(6) { // the six numbers 3 below to 3 above, but itself
		o := answer + step - 3
		if step >= 3 {
			o++
		}
		if len(out) < 3 && (o >= 0 || answer < 0) {
			out = append(out, o)
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// adventCalendar adds an Advent Calendar: each door that holds anything
// (a picture, a text, a link, a video or a sound) to open, labelled by its
// number as the content names a door ("Door 3"); false when none does.
func (h *h5pReader) adventCalendar(raw json.RawMessage, pg *h5pPage, depth, level int) bool {
	var p struct {
		Doors []map[string]json.RawMessage `json:"doors"`
		A11y  struct {
			Door string `json:"door"`
		} `json:"a11y"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	opened := false
	for i, door := range p.Doors {
		inner := &h5pPage{title: pg.title, section: pg.section}
		for _, key := range []string{"image", "text", "video", "audio", "link"} {
			var ct h5pContent
			if door[key] != nil && decodeParams(door[key], &ct) {
				h.content(ct, inner, depth+1, level)
			}
		}
		h.flush(inner)
		if strings.TrimSpace(inner.b.String()) == "" {
			continue
		}
		label := strconv.Itoa(i + 1)
		if word := plainText(p.A11y.Door); word != "" {
			label = word + " " + label
		}
		h.text(pg, details(label, inner.b.String()))
		opened = true
	}
	return opened
}
