package harvest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-ical"

	"github.com/oersite/oersite/generator/internal/partner"
)

// decodeICal decodes a calendar with go-ical, whose decoder panics on
// some broken lines (a parameter without a name, "0;0="): a partner's
// file is hostile input, so the panic becomes an error like any other
// that does not parse.
func decodeICal(data []byte) (cal *ical.Calendar, err error) {
	defer func() {
		if r := recover(); r != nil {
			cal, err = nil, fmt.Errorf("the reader stopped on a broken line (%v)", r)
		}
	}()
	return ical.NewDecoder(bytes.NewReader(data)).Decode()
}

// parseICal reads the VEVENTs of an iCalendar feed (RFC 5545). Times with
// a TZID are read in that zone, floating times as UTC; a DATE is the
// whole day.
func parseICal(data []byte, feed string, max int) ([]partner.Event, error) {
	cal, err := decodeICal(data)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("the calendar does not parse: %v", err)
	}
	if cal == nil {
		return nil, errors.New("the calendar holds no VCALENDAR")
	}
	evs := cal.Events()
	if len(evs) > max {
		return nil, fmt.Errorf("the calendar holds %d events, more than the %d accepted", len(evs), max)
	}
	out := make([]partner.Event, 0, len(evs))
	for _, ev := range evs {
		start, err := ev.DateTimeStart(time.UTC)
		if err != nil {
			continue
		}
		end, err := ev.DateTimeEnd(time.UTC)
		if err != nil || end.IsZero() {
			end = start.Add(time.Hour)
		}
		e := partner.Event{Start: start, End: end, Feed: feed}
		e.ID, _ = ev.Props.Text(ical.PropUID)
		e.Title, _ = ev.Props.Text(ical.PropSummary)
		e.Description, _ = ev.Props.Text(ical.PropDescription)
		if p := ev.Props.Get(ical.PropURL); p != nil {
			e.URL = p.Value
		}
		if p := ev.Props.Get("X-OERSITE-LANGUAGE"); p != nil {
			e.Language = p.Value
		} else if p := ev.Props.Get(ical.PropSummary); p != nil {
			e.Language = p.Params.Get(ical.ParamLanguage)
		}
		out = append(out, e)
	}
	return out, nil
}
