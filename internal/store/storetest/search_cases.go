package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"dateline/internal/search"
	"dateline/internal/section"
	"dateline/internal/story"
)

func hitSlugs(hits []search.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Story.Slug
	}
	return out
}

func testSearch(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	add := func(slug, headline, body string, sec section.Section, at time.Time, topics ...section.Topic) story.Story {
		st := f.story(slug, sec)
		st.Headline, st.BodyMarkdown, st.State, st.PublishedAt = headline, body, story.StatePublished, at
		for _, tp := range topics {
			st.TopicIDs = append(st.TopicIDs, tp.ID)
		}
		must(t, s.CreateStory(ctx, st))
		return *st
	}
	add("ferries", "Night ferries return to the harbour", "Commuters welcomed the boats running again after midnight.", f.asia, base, f.trade)
	add("ferry-body", "Transport budget approved", "The council also discussed a ferry timetable and the harbour night service.", f.world, base.Add(time.Hour))
	add("chinese", "Hong Kong transport", "香港的渡輪服務在深夜恢復。Ferries resume.", f.asia, base.Add(2*time.Hour), f.climate)
	add("markets", "Markets steady as trade talks continue", "Shares were steady.", f.business, base.Add(3*time.Hour), f.trade)
	draft := f.story("draft-ferry", f.world)
	draft.Headline, draft.BodyMarkdown = "Secret ferry plan", "ferry ferry ferry"
	must(t, s.CreateStory(ctx, draft))

	find := func(q search.Query) ([]string, int) {
		t.Helper()
		hits, total, err := s.Search(ctx, q)
		must(t, err)
		return hitSlugs(hits), total
	}
	cases := []struct {
		name  string
		q     search.Query
		want  []string
		total int
	}{
		{"stemming, headline first", search.Query{Text: "ferry"}, []string{"ferries", "ferry-body", "chinese"}, 3},
		{"stemmed verb", search.Query{Text: "run"}, []string{"ferries"}, 1},
		{"every word required", search.Query{Text: "ferry midnight"}, []string{"ferries"}, 1},
		{"phrase", search.Query{Text: `"night service"`}, []string{"ferry-body"}, 1},
		{"two Chinese characters", search.Query{Text: "渡輪"}, []string{"chinese"}, 1},
		{"Chinese across a longer run", search.Query{Text: "深夜"}, []string{"chinese"}, 1},
		{"section with subsections", search.Query{Text: "ferry", SectionID: f.world.ID}, []string{"ferries", "ferry-body", "chinese"}, 3},
		{"subsection", search.Query{Text: "ferry", SectionID: f.asia.ID}, []string{"ferries", "chinese"}, 2},
		{"topic", search.Query{Text: "ferry", TopicID: f.trade.ID}, []string{"ferries"}, 1},
		{"date range", search.Query{Text: "ferry", From: base.Add(30 * time.Minute), To: base.Add(90 * time.Minute)}, []string{"ferry-body"}, 1},
		{"newest first", search.Query{Text: "ferry", ByDate: true}, []string{"chinese", "ferry-body", "ferries"}, 3},
		{"page 2", search.Query{Text: "ferry", Limit: 2, Offset: 2}, []string{"chinese"}, 3},
		{"nothing", search.Query{Text: "zeppelin"}, nil, 0},
		{"reader syntax is just words", search.Query{Text: `ferry* (`}, []string{"ferries", "ferry-body", "chinese"}, 3},
		{"operators are words too", search.Query{Text: `ferry" OR * NEAR( -`}, nil, 0},
	}
	for _, c := range cases {
		got, total := find(c.q)
		if !equal(got, c.want) || total != c.total {
			t.Errorf("%s: got %v (total %d), want %v (total %d)", c.name, got, total, c.want, c.total)
		}
	}
	// The index follows unpublishing and republishing at once.
	st, err := s.StoryBySlug(ctx, "ferries")
	must(t, err)
	must(t, st.Transition(story.StateUnpublished, time.Time{}, base.Add(5*time.Hour)))
	must(t, s.UpdateStory(ctx, &st))
	if got, _ := find(search.Query{Text: "ferry"}); equal(got, []string{"ferries", "ferry-body", "chinese"}) || len(got) != 2 {
		t.Fatalf("after unpublishing: %v", got)
	}
	must(t, st.Transition(story.StatePublished, time.Time{}, base.Add(6*time.Hour)))
	st.Headline = "Night ferries return for good"
	must(t, s.UpdateStory(ctx, &st))
	if got, _ := find(search.Query{Text: "good"}); !equal(got, []string{"ferries"}) {
		t.Fatalf("after republishing with a new headline: %v", got)
	}
}

// relatedCorpus is a labelled set: pairs of stories about the same thing, in the
// same section, with topics handed out so that they alone cannot find the pair.
var relatedCorpus = [][2][2]string{
	{{"Volcano eruption grounds flights as ash cloud spreads", "The volcano erupted overnight and volcanic ash drifted over the airports. Airlines cancelled flights while the ash cloud moved east."},
		{"Airlines count the cost of volcanic ash", "Flights stayed grounded for a second day as volcanic ash from the eruption hung over the region and the volcano kept rumbling."}},
	{{"Grandmaster wins chess championship in a long endgame", "The chess championship ended when the grandmaster converted a rook endgame after six hours at the board."},
		{"Chess fans queue for championship tickets", "Tickets for the final rounds of the chess championship sold out as the grandmaster and the challenger prepared their openings."}},
	{{"Coral bleaching spreads across the northern reef", "Divers found coral bleaching on most of the reef as water temperatures rose; bleached coral can recover if the heat eases."},
		{"Reef scientists map bleached coral", "A survey of the reef mapped where coral bleaching was worst, and which coral colonies had started to recover."}},
	{{"Bitcoin miners draw on cheap hydroelectric power", "Bitcoin mining farms moved next to the dams, where electricity is cheap, and the miners' demand strained the grid."},
		{"Grid operator warns about bitcoin mining demand", "Electricity demand from bitcoin mining rose again, the grid operator said, as more miners plugged in rigs."}},
	{{"Marathon runner breaks the course record", "The marathon winner broke the course record by forty seconds, and the runners behind her also ran personal bests."},
		{"Record marathon draws thousands of runners", "Thousands of runners lined up for the marathon, where a course record fell in cool weather."}},
	{{"Measles vaccine trial reports strong results", "The vaccine trial found the new measles vaccine protected children with one dose, and the trial will now expand."},
		{"Clinics prepare for measles vaccine rollout", "Clinics trained nurses for the measles vaccine after the trial results, and parents asked when the vaccine would arrive."}},
	{{"Wildfire forces evacuation of forest villages", "Firefighters ordered an evacuation as the wildfire jumped a ridge and burned through dry forest near three villages."},
		{"Evacuees wait as the forest wildfire burns on", "Families from the evacuation shelters watched smoke from the wildfire as crews cut breaks through the forest."}},
	{{"Orchestra gives the premiere of a new symphony", "The orchestra played the premiere of the symphony to a full hall, and the composer joined the conductor on stage."},
		{"Composer's symphony premiere sells out", "The symphony premiere by the city orchestra sold out, and the conductor added a second performance."}},
	{{"Rocket puts weather satellite into orbit", "The rocket launch went smoothly and the satellite reached orbit, where it will watch storms for ten years."},
		{"Satellite sends first images after launch", "Days after the rocket launch, the weather satellite sent its first images from orbit."}},
	{{"Drought cuts the wheat harvest", "The wheat harvest fell by a third after the drought, and farmers said the grain was small and dry."},
		{"Bakers pay more as drought hits wheat", "Flour prices rose because the drought shrank the wheat harvest, bakers said, and grain stocks ran low."}},
	{{"Earthquake shakes coastal towns", "A magnitude six earthquake shook the coast; the tremor cracked walls and aftershocks continued overnight."},
		{"Aftershocks follow the coastal earthquake", "Residents slept outside as aftershocks followed the earthquake, whose magnitude was revised after the first tremor."}},
	{{"Parliament passes the budget after a late vote", "Parliament approved the budget in a late-night vote, after the finance minister accepted two amendments."},
		{"Budget vote splits the opposition in parliament", "The opposition split in the budget vote in parliament, with some members backing the finance minister's plan."}},
	{{"Submarine cable cut slows the island's internet", "A submarine cable was cut by an anchor, slowing internet traffic until a repair ship could reach the cable."},
		{"Repair ship reaches the broken internet cable", "The repair ship began splicing the submarine cable, and internet speeds should return when the cable is fixed."}},
	{{"Zoo welcomes twin panda cubs", "The zoo's giant panda gave birth to twin cubs, and keepers said both panda cubs were feeding well."},
		{"Panda cubs make their first public appearance", "Crowds came to the zoo to see the panda cubs, who slept through most of their first public morning."}},
	{{"Glacier retreat speeds up, study finds", "The glacier lost more ice this summer than in any year measured, and the melting front retreated half a kilometre."},
		{"Climbers find the glacier route changed by melting ice", "Guides rerouted climbs because the glacier had thinned, with melting ice opening new crevasses."}},
	{{"Tennis final decided in a tiebreak", "The tennis final went to a deciding tiebreak, which the champion won after saving two match points."},
		{"Champion reflects on the tiebreak that won the final", "The tennis champion said the tiebreak in the final was the hardest of her career."}},
}

func testRelatedLabelled(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	extra := section.Topic{Slug: "environment", Name: "Environment"}
	must(t, s.CreateTopic(ctx, &extra))
	topics := []section.Topic{f.trade, f.climate, extra}
	ids := map[string]int64{}
	partner := map[int64]int64{}
	n := 0
	for p, pair := range relatedCorpus {
		var pairIDs [2]int64
		for k, item := range pair {
			st := f.story(fmt.Sprintf("pair-%d-%d", p, k), f.world)
			st.Headline, st.BodyMarkdown, st.State = item[0], item[1]+"\n\nOfficials said more details would follow later in the week.", story.StatePublished
			st.PublishedAt = base.Add(time.Duration(n) * time.Hour)
			st.TopicIDs = []int64{topics[n%3].ID} // topics cut across the pairs
			n++
			must(t, s.CreateStory(ctx, st))
			ids[st.Slug], pairIDs[k] = st.ID, st.ID
		}
		partner[pairIDs[0]], partner[pairIDs[1]] = pairIDs[1], pairIDs[0]
	}
	// Lists are computed when a story is published: refresh all now that all exist.
	right := 0
	for id := range partner {
		must(t, s.RefreshRelated(ctx, id))
		rel, err := s.AutoRelated(ctx, id)
		must(t, err)
		if len(rel) > 0 && rel[0].ID == partner[id] {
			right++
		}
		for _, r := range rel {
			if r.ID == id {
				t.Fatal("a story is related to itself")
			}
		}
	}
	if share := float64(right) / float64(len(partner)); share < 0.9 {
		t.Fatalf("the labelled best match came first for %d of %d stories (%.0f%%), want at least 90%%", right, len(partner), share*100)
	}
	t.Logf("related: labelled best match first for %d of %d stories", right, len(partner))
}
