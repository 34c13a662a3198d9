package cartridge

import (
	"fmt"
	"strings"
	"testing"
)

// A Personality Quiz becomes its title, each question with its answers,
// each answer followed by the personalities it counts for (named as the
// quiz names them, whatever their case in the answer), then each
// personality under its name. Before, it was left out.
func TestH5PPersonalityQuiz(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Which seller are you?","mainLibrary":"H5P.PersonalityQuiz"}`,
		"content/content.json": `{"titleScreen":{"title":{"text":"Which seller are you?"}},
			"personalities":[{"name":"Talker","description":"You chat with everyone."},{"name":"Listener","description":"You let them speak.","image":{"file":{"path":"images/ear.png","copyright":{"license":"CC BY","version":"4.0","author":"Jo Lind"}},"alt":"An ear"}}],
			"questions":[{"text":"A customer hesitates. You…","answers":[{"text":"tell a story","personality":"talker"},{"text":"wait","personality":"Listener, nobody"}]}]}`,
		"content/images/ear.png": "\x89PNG ear",
	})
	want := "**Which seller are you?**\n\n**A customer hesitates. You…**\n\n- tell a story → Talker\n- wait → Listener\n\n## Talker\n\nYou chat with everyone.\n\n## Listener\n\n![An ear](ear.png)\n\n*Jo Lind, CC BY 4.0*\n\nYou let them speak.\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
}

// A Find the Words becomes its task, a grid in which every word is hidden
// (in the directions the content allows), the words to find, and the grid
// with only the words to open; the same grid each time it is imported.
// Before, it was left out.
func TestH5PFindTheWords(t *testing.T) {
	parts := map[string]string{
		"h5p.json": `{"title":"Shop words","mainLibrary":"H5P.FindTheWords"}`,
		"content/content.json": `{"taskDescription":"Find the shop words.","wordList":"till, receipt,Öffnung,card,cash",
			"behaviour":{"orientations":{"horizontal":true,"horizontalBack":false,"vertical":true,"verticalUp":false,"diagonal":true,"diagonalBack":false,"diagonalUp":false,"diagonalUpBack":false},"fillPool":"abcdefghijklmnopqrstuvwxyz","showVocabulary":true},
			"l10n":{"showSolution":"Show the words","wordListHeader":"Words"}}`,
	}
	md := lessonOf(t, readPackage(t, parts))
	if again := lessonOf(t, readPackage(t, parts)); again != md {
		t.Errorf("a second import drew another grid")
	}
	lessonHas(t, md, "Find the shop words.\n\n```\n", "**Words**\n\n- till\n- receipt\n- Öffnung\n- card\n- cash\n", ":::solution Show the words\n```\n")
	grids := strings.Split(md, "```")
	if len(grids) != 5 {
		t.Fatalf("want two grids:\n%s", md)
	}
	grid, solution := gridRows(grids[1]), gridRows(grids[3])
	for _, w := range []string{"TILL", "RECEIPT", "ÖFFNUNG", "CARD", "CASH"} {
		if !hidden(grid, w) || !hidden(solution, w) {
			t.Errorf("%s is not in the grid going right, down or down-right:\n%s", w, grids[1])
		}
	}
	if len(grid) != len(solution) || len(grid[0]) != len(grid) {
		t.Errorf("the grids are %d×%d and %d rows", len(grid[0]), len(grid), len(solution))
	}
}

// gridRows is a grid's rows of letters.
func gridRows(s string) [][]rune {
	var rows [][]rune
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		rows = append(rows, []rune(strings.ReplaceAll(line, " ", "")))
	}
	return rows
}

// hidden says whether w reads right, down or down-right in the grid.
func hidden(g [][]rune, w string) bool {
	word := []rune(w)
	for r := range g {
		for c := range g[r] {
			for _, d := range [][2]int{{0, 1}, {1, 0}, {1, 1}} {
				k := 0
				for ; k < len(word); k++ {
					rr, cc := r+k*d[0], c+k*d[1]
					if rr >= len(g) || cc >= len(g[rr]) || g[rr][cc] != word[k] {
						break
					}
				}
				if k == len(word) {
					return true
				}
			}
		}
	}
	return false
}

// An Arithmetic Quiz becomes its introduction and a knowledge check of
// its sums, drawn once: each question's right answer its sum, the same
// on every import; an equation quiz is named. Before, both were left out.
func TestH5PArithmeticQuiz(t *testing.T) {
	parts := map[string]string{
		"h5p.json":             `{"title":"Change","mainLibrary":"H5P.ArithmeticQuiz"}`,
		"content/content.json": `{"arithmeticType":"subtraction","maxQuestions":4,"intro":"Give the change.","quizType":"arithmetic"}`,
	}
	md := lessonOf(t, readPackage(t, parts))
	if lessonOf(t, readPackage(t, parts)) != md {
		t.Error("a second import drew other sums")
	}
	lessonHas(t, md, "Give the change.\n\n:::quiz Change\n")
	if n := strings.Count(md, " = ?"); n != 4 {
		t.Fatalf("%d questions, want 4:\n%s", n, md)
	}
	checkSums(t, md)
	for _, kind := range []string{"addition", "multiplication", "division"} {
		parts["content/content.json"] = `{"arithmeticType":"` + kind + `","maxQuestions":6}`
		checkSums(t, lessonOf(t, readPackage(t, parts)))
	}
	parts["content/content.json"] = `{"quizType":"linearEquation","equationType":"basic"}`
	if c := readPackage(t, parts); len(c.Modules) != 0 || !strings.Contains(strings.Join(leftOut(c.Left), "\n"), "Arithmetic Quiz") {
		t.Errorf("an equation quiz: %d modules, left %q", len(c.Modules), leftOut(c.Left))
	}
}

// An Advent Calendar becomes each door that holds anything, to open,
// labelled as the content names a door; an empty door, and a link never
// filled in, show nothing. Before, it was left out.
func TestH5PAdventCalendar(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"December tips","mainLibrary":"H5P.AdventCalendar"}`,
		"content/content.json": `{"doors":[
			{"text":{"library":"H5P.AdvancedText 1.1","params":{"text":"<p>Clean the window.</p>"}},"link":{"library":"H5P.Link 1.3","params":{"linkWidget":{"protocol":"http://"}}}},
			{"image":{"library":"H5P.Image 1.1","params":{"contentName":"Image"}}},
			{"image":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/star.png"},"alt":"A star"}}}],
			"a11y":{"door":"Tür"}}`,
		"content/images/star.png": "\x89PNG star",
	})
	want := ":::details Tür 1\nClean the window.\n:::\n\n:::details Tür 3\n![A star](star.png)\n:::\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
}

// checkSums fails the test when a question's checked answer is not its
// sum, difference, product or quotient.
func checkSums(t *testing.T, md string) {
	t.Helper()
	var a, b int
	var sign string
	questions, checked := strings.Count(md, " = ?"), 0
	for _, line := range strings.Split(md, "\n") {
		if n, _ := fmt.Sscanf(line, "%d %s %d = ?", &a, &sign, &b); n == 3 {
			continue
		}
		var got int
		if n, _ := fmt.Sscanf(line, "- [x] %d", &got); n != 1 {
			continue
		}
		checked++
		want := map[string]int{"+": a + b, "−": a - b, "×": a * b}[sign]
		if sign == "÷" {
			want = a / b
			if a%b != 0 {
				t.Errorf("%d ÷ %d has a remainder", a, b)
			}
		}
		if got != want {
			t.Errorf("%d %s %d: %d checked", a, sign, b, got)
		}
	}
	if questions == 0 || checked != questions {
		t.Errorf("%d questions, %d right answers read:\n%s", questions, checked, md)
	}
}
