package eval

import (
	"fmt"
	"io"
)

// WriteText writes the scores as `wiretrace eval` prints them: the
// clustering figures, provenance, the figures by variation and by credit
// form, reuse by kind and the same-event counts.
func WriteText(w io.Writer, s *Scores) error {
	ew := &errWriter{w: w}
	ew.printf("articles            %d (%d true stories with copies, %d clusters reported)\n", s.Articles, s.TrueStories, s.Clusters)
	ew.printf("adjusted Rand index %.4f\n", s.ARI)
	ew.printf("pair precision      %.4f\npair recall         %.4f\n", s.PairPrecision, s.PairRecall)
	ew.printf("partial precision   %.4f\npartial recall      %.4f\n", s.PartialPrecision, s.PartialRecall)
	if s.ParentAccuracy < 0 {
		ew.printf("provenance          (the report has no provenance fields)\n")
	} else {
		ew.printf("parent accuracy     %.4f\norigin accuracy     %.4f\nverdict accuracy    %.4f\n", s.ParentAccuracy, s.OriginAccuracy, s.VerdictAccuracy)
		ew.printf("credit precision    %.4f\ncredit recall       %.4f\n", s.CreditPrecision, s.CreditRecall)
		ew.printf("parents right by identical text  %d\n", s.ParentByEquivalence)
		ew.printf("parent accuracy, text-indistinct %.4f (also counting parents the copy's text cannot tell from the true one)\n", s.ParentAccuracyIndistinct)
		ew.printf("false-friend credits reported    %d\n", s.FalseFriendCredits)
	}
	if len(s.ByReuse) > 0 {
		ew.printf("\nreuse (truth kind)      copies  linked  recall  reported    right precision\n")
		for _, k := range s.ReuseNames() {
			f := s.ByReuse[k]
			ew.printf("  %-21s %6d  %6d  %.4f", k, f.Copies, f.Linked, f.Recall)
			switch {
			case !s.ReportHasReuse:
				ew.printf("  n/a (report has no reuse field)\n")
			case f.Precision == nil:
				ew.printf("  %8d %8d         -\n", 0, 0)
			default:
				ew.printf("  %8d %8d    %.4f\n", *f.Reported, *f.Right, *f.Precision)
			}
		}
		if len(s.ReuseConfusion) > 0 {
			ew.printf("\nreuse confusion (truth -> reported)\n")
			for _, k := range sortedKeys(s.ReuseConfusion) {
				row := s.ReuseConfusion[k]
				ew.printf("  %-10s", k)
				for _, g := range sortedKeys(row) {
					ew.printf("  %s %d", g, row[g])
				}
				ew.printf("\n")
			}
		}
	}
	if se := s.SameEvent; se != nil {
		ew.printf("\nsame-event reports      %d events told as %d independent stories\n", se.Events, se.Stories)
		ew.printf("  full members with another story of their event     %d (should be 0)\n", se.Merged)
		ew.printf("  partial members with another story of their event  %d\n", se.Quoted)
	}
	if s.ParentAccuracy >= 0 && len(s.ByTrait) > 0 {
		ew.printf("\nby variation           articles stories  parent  origin verdict credit-P credit-R\n")
		for _, tr := range s.TraitNames() {
			f := s.ByTrait[tr]
			ew.printf("  %-21s %8d %7d  %.4f  %.4f  %.4f   %.4f   %.4f\n", tr, f.Articles, f.Stories,
				f.ParentAccuracy, f.OriginAccuracy, f.VerdictAccuracy, f.CreditPrecision, f.CreditRecall)
		}
	}
	if s.ParentAccuracy >= 0 && len(s.CreditRecallByForm) > 0 {
		ew.printf("\ncredit recall by form (credits named in one form only)\n")
		for _, k := range s.FormNames() {
			r := s.CreditRecallByForm[k]
			ew.printf("  %-26s %5d/%-5d %.4f\n", k, r.Found, r.Credits, r.Recall)
		}
	}
	return ew.err
}

// errWriter keeps the first write error and skips the writes after it.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
