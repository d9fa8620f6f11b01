package theme

import (
	"bytes"
	"html/template"
	"io"
	"strings"
	"text/template/parse"
)

// A label in a template, {{t "to_top"}}, is the same text on every page of a
// language, yet each one cost two reflective calls per render (the label, then
// html/template's escaper). foldLabels writes them into the templates once, as
// text, after html/template has escaped them: each label goes through the very
// escaper html/template chose for its place, so the output is the same bytes.

// foldLabels folds the label actions of tmpl and every template it calls.
func foldLabels(tmpl *template.Template, l Labels) {
	// html/template escapes the whole set on its first execution, before it reads
	// any data: run it once on nothing (the run itself fails at the first field).
	_ = tmpl.Execute(io.Discard, nil)
	for _, t := range tmpl.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			foldList(t.Tree.Root, l)
		}
	}
}

func foldList(list *parse.ListNode, l Labels) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := foldedLabel(n.Pipe, l); ok {
				list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
			}
		case *parse.IfNode:
			foldList(n.List, l)
			foldList(n.ElseList, l)
		case *parse.RangeNode:
			foldList(n.List, l)
			foldList(n.ElseList, l)
		case *parse.WithNode:
			foldList(n.List, l)
			foldList(n.ElseList, l)
		case *parse.ListNode:
			foldList(n, l)
		}
	}
}

// foldedLabel returns the output of a pipeline {{t "key" | escaper...}}, where
// every escaper is one it can run; ok is false for any other pipeline.
func foldedLabel(pipe *parse.PipeNode, l Labels) (string, bool) {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) == 0 {
		return "", false
	}
	first := pipe.Cmds[0].Args
	if len(first) != 2 {
		return "", false
	}
	fn, ok1 := first[0].(*parse.IdentifierNode)
	key, ok2 := first[1].(*parse.StringNode)
	if !ok1 || !ok2 || fn.Ident != "t" {
		return "", false
	}
	out := l.T(key.Text)
	for _, cmd := range pipe.Cmds[1:] {
		esc, ok := cmd.Args[0].(*parse.IdentifierNode)
		if !ok || len(cmd.Args) != 1 {
			return "", false
		}
		probe, ok := escaperProbes[esc.Ident]
		if !ok {
			return "", false
		}
		var err error
		if out, err = probe.run(out); err != nil {
			return "", false
		}
	}
	return out, true
}

// escaperProbe runs one of html/template's escapers: a template with a single
// value in the place that escaper serves, and the text around it.
type escaperProbe struct {
	tmpl          *template.Template
	before, after string
}

func newProbe(before, after string) escaperProbe {
	return escaperProbe{tmpl: template.Must(template.New("probe").Parse(before + "{{.}}" + after)), before: before, after: after}
}

func (p escaperProbe) run(s string) (string, error) {
	var buf bytes.Buffer
	if err := p.tmpl.Execute(&buf, s); err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimPrefix(buf.String(), p.before), p.after), nil
}

// escaperProbes are the escapers labels meet: in text, in a quoted attribute and
// in a title. A label anywhere else (a URL, a script) is left to run as it is.
var escaperProbes = map[string]escaperProbe{
	"_html_template_htmlescaper":   newProbe("<p>", "</p>"),
	"_html_template_attrescaper":   newProbe(`<p title="`, `">`),
	"_html_template_rcdataescaper": newProbe("<title>", "</title>"),
}
