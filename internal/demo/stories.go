package demo

// The demo stories are original text written for Dateline. The events, people and
// quotes in them are invented; any likeness to real reporting is chance.

type sampleComment struct {
	name, place, text string
	state             string // "featured", "published", "pending", "rejected"
}

type sampleStory struct {
	key      string
	section  string // section slug
	city     string
	bureau   string // bureau key
	authors  []string
	topics   []string
	headline string
	dek      string
	body     string
	credit   string
	sites    [][2]string // title, URL
	related  []string    // keys of pinned related stories
	hoursAgo int         // first published this many hours before the demo loads
	updated  int         // hours after publication of a later update, 0 for none
	closed   bool        // comments closed
	state    string      // "" for published; "draft", "scheduled", "unpublished"
	photo    *samplePhoto
	comments []sampleComment
	correct  string // a correction note
}

type samplePhoto struct {
	alt, caption, credit string
	palette              int
}

var sampleStories = []sampleStory{
	{
		key: "ferries", section: "asia", city: "Hong Kong", bureau: "hk", authors: []string{"mei-lin-chau"},
		topics:   []string{"transport", "cities"},
		headline: "Harbour ferries return to night service as tunnel repairs drag on",
		dek:      "Commuters trade a cramped bus detour for a twenty-minute crossing under the lights.",
		body: `Night ferries across Victoria Harbour resumed on Monday for the first time in four years, as engineers warned that repairs to the cross-harbour road tunnel would run well into next spring.

The transport department said three vessels would sail every twenty minutes between 11 p.m. and 2 a.m., a timetable it called "a bridge, not a promise".

## A detour that grew too long

Since the tunnel's eastbound tube closed in August, late-shift workers heading to Kowloon have faced a bus detour that can stretch past an hour. Restaurant cook Wong Ka-yan said she had started sleeping at a friend's flat twice a week rather than face the journey.

"On the first night I sat on the top deck and watched the city go past," she said. "It felt like being on holiday for twenty minutes."

## Who pays for the boats

The operator will receive a temporary subsidy of about HK$18 million for six months. Legislators on the transport panel asked why the service had been cut in the first place, and whether it would survive once the tunnel reopens.

> "If people use it, we will keep it," a department spokesman told the panel. "If they don't, we will tell you honestly."

## What comes next

Engineers expect to finish relining the tunnel's concrete by March. The department will publish passenger counts every month, starting in January.`,
		credit:  "Bureau chief Mei Lin Chau and transport reporter Leo Tam contributed to this report.",
		sites:   [][2]string{{"Hong Kong Transport Department", "https://www.td.gov.hk/"}, {"Star Ferry", "https://www.starferry.com.hk/"}},
		related: []string{"typhoon"}, hoursAgo: 5, updated: 3,
		photo: &samplePhoto{alt: "A green and white ferry crosses a dark harbour with lit skyscrapers behind it", caption: "A night ferry leaves the pier on its first crossing in four years.", credit: "Illustration: Dateline", palette: 0},
		comments: []sampleComment{
			{"Grace Lo", "Kowloon", "I work nights at a hospital. This ferry gives me back an hour of sleep a day. Please keep it after the tunnel reopens.", "featured"},
			{"Martin Yeung", "Sai Kung", "Good news, but three boats is not enough on Friday nights. The queue was already long at midnight.", "published"},
			{"Anonymous", "", "Waste of money.", "rejected"},
			{"P. Singh", "Central", "How about a stop in Wan Chai as well?", "pending"},
		},
	},
	{
		key: "robots", section: "asia", city: "Tokyo", bureau: "hk", authors: []string{"kenji-mori"},
		topics:   []string{"technology", "cities", "transport"},
		headline: "Tokyo ward trials quiet hours for late-night delivery robots",
		dek:      "Sidewalk robots must slow down and dim their lights after 10 p.m. in a six-month test.",
		body: `A central Tokyo ward has begun a six-month trial that sets quiet hours for the small wheeled robots now delivering groceries and takeaway meals on its pavements.

From 10 p.m. to 6 a.m. the robots must keep below four kilometres an hour, switch their warning chimes to a softer tone and dim their headlamps, under rules agreed with three operators.

## Complaints from the upper floors

Residents' associations collected more than 400 complaints in the summer, most about chimes at crossings. "It is a polite sound," said one retired teacher, "but at two in the morning, politeness is loud."

## Operators say the data will decide

The companies will share anonymous logs of speed and stops with the ward office. If night-time collisions and complaints both fall, the rules could spread to neighbouring wards next year.

Operators said the slower speed would add about four minutes to a typical night delivery.`,
		credit:   "Correspondent Kenji Mori contributed to this report.",
		sites:    [][2]string{{"Tokyo Metropolitan Government", "https://www.metro.tokyo.lg.jp/english/"}},
		hoursAgo: 30,
		photo:    &samplePhoto{alt: "A small white six-wheeled delivery robot waits at a pedestrian crossing at night", caption: "A delivery robot waits at a crossing in the trial area.", credit: "Illustration: Dateline", palette: 1},
		comments: []sampleComment{
			{"Aiko T.", "Minato", "The robots are cute but the chime outside my window every ten minutes is not. Glad someone listened.", "published"},
		},
	},
	{
		key: "typhoon", section: "asia", city: "Singapore", bureau: "hk", authors: []string{"mei-lin-chau"},
		topics:   []string{"climate", "oceans"},
		headline: "Regional ministers agree on shared early-warning network for typhoons",
		dek:      "Ten governments will pool buoy and radar data and send alerts in local languages.",
		body: `Ministers from ten Southeast and East Asian governments agreed on Thursday to build a shared early-warning network for typhoons and storm surges, pooling data from ocean buoys, coastal radar and satellites.

The plan, signed at the end of a two-day meeting, promises alerts in local languages to mobile phones within fifteen minutes of a forecast change.

## Closing the gaps at sea

Forecasters have long complained that storms can strengthen quickly over stretches of sea where no single country keeps instruments. The agreement funds forty new buoys over three years, to be placed where the existing networks thin out.

"A storm does not stop at a border, and neither should a warning," the meeting's chair told reporters.

## Paying for it

Each government will contribute according to the size of its coastline, with a regional development bank covering the first year. Smaller island states will pay a token share.

## Words that people act on

A working group will test how warnings are worded. Earlier studies found that people were more likely to leave low-lying homes when alerts named their district and gave a time, rather than a storm category alone.`,
		credit:  "Bureau chief Mei Lin Chau and Pacific Wire Service contributed to this report.",
		sites:   [][2]string{{"World Meteorological Organization", "https://wmo.int/"}, {"ASEAN Specialised Meteorological Centre", "http://asmc.asean.org/"}},
		related: []string{"corals"}, hoursAgo: 54,
		photo: &samplePhoto{alt: "A yellow weather buoy rides grey waves under a dark storm sky", caption: "A weather buoy of the kind the new network will add.", credit: "Illustration: Dateline", palette: 2},
		comments: []sampleComment{
			{"Rodel Santos", "Tacloban", "We lost our house in a surge years ago. Warnings in Waray, not only English, would have saved lives. This matters.", "featured"},
			{"Lim Wei", "Johor Bahru", "Forty buoys for the whole region sounds small.", "published"},
			{"Dr. H. Nguyen", "Da Nang", "The wording research is the most important part of this plan.", "published"},
		},
	},
	{
		key: "customs", section: "world", city: "Geneva", bureau: "ldn", authors: []string{"harriet-okafor"},
		topics:   []string{"trade", "aid"},
		headline: "Aid groups press for faster customs rules at disaster sites",
		dek:      "Relief supplies sit in ports for days while paperwork is checked, a new report says.",
		body: `Relief organisations on Tuesday called on governments to agree fast-track customs rules for emergency supplies, saying tents, water filters and medicines too often wait in ports for days after a disaster.

A report by a coalition of twelve aid groups examined shipments to eight emergencies over five years and found a median delay of six days between arrival and release.

## Paper in triplicate

In several cases, the report says, goods were held because forms had to be stamped in person at a capital city far from the disaster zone. Mobile phone chargers and radios were sometimes taxed as consumer electronics.

"Nobody is asking to skip the checks," said the coalition's logistics lead. "We are asking to do them in hours, not days."

## A model agreement

The groups propose a standard agreement that governments could sign in advance, listing goods that would clear with a single digital declaration once an emergency is declared.`,
		credit:   "Science and development correspondent Harriet Okafor contributed to this report.",
		sites:    [][2]string{{"UN Office for the Coordination of Humanitarian Affairs", "https://www.unocha.org/"}},
		hoursAgo: 76, closed: true,
		photo: &samplePhoto{alt: "Stacked blue shipping containers on a quay under a pale sky", caption: "Containers of relief supplies await clearance at a port.", credit: "Illustration: Dateline", palette: 3},
	},
	{
		key: "clinics", section: "world", city: "Nairobi", bureau: "ldn", authors: []string{"harriet-okafor"},
		topics:   []string{"public-health", "climate"},
		headline: "Solar-powered clinics cut waiting times in rural counties, survey finds",
		dek:      "Reliable power let clinics keep vaccines cold and stay open after dark.",
		body: `Rural health clinics fitted with solar panels and batteries treated more patients and turned fewer away, according to a survey of 120 clinics in four counties released on Wednesday.

Clinics with steady power stayed open an average of three hours longer each day and reported far fewer spoiled vaccine doses, the survey's authors said.

## Light after dark

Nurses described delivering babies by the light of their phones before the panels arrived. "Now we have light, we have a fridge, and we have a kettle," one midwife told the researchers. "The kettle matters more than you think."

## Maintenance is the worry

A quarter of the systems needed repairs within two years, most often for batteries. The county governments said they would train local technicians rather than wait for contractors from the capital.`,
		credit:   "Harriet Okafor contributed to this report.",
		sites:    [][2]string{{"World Health Organization: Energizing health", "https://www.who.int/"}},
		hoursAgo: 100, updated: 20,
		correct: "An earlier version of this story gave the number of clinics surveyed as 210. It was 120.",
		photo:   &samplePhoto{alt: "Solar panels on the tin roof of a small clinic building under a bright sky", caption: "Panels on the roof of a county clinic.", credit: "Illustration: Dateline", palette: 4},
		comments: []sampleComment{
			{"Wanjiru K.", "Nyeri", "My aunt is a nurse at one of these clinics. The fridge changed everything for the vaccination days.", "published"},
		},
	},
	{
		key: "containers", section: "business", city: "New York", bureau: "ny", authors: []string{"tomas-alvarez"},
		topics:   []string{"trade"},
		headline: "Small exporters turn to shared shipping containers as freight prices swing",
		dek:      "Online brokers let a furniture maker and a coffee roaster split one box across the Atlantic.",
		body: `Small manufacturers are increasingly sharing shipping containers to Europe, using online brokers that match part-loads, as freight prices swing from month to month.

Brokers said bookings for shared containers from East Coast ports rose by about a third this year. Most customers ship less than half a container at a time.

## Splitting the box

A furniture maker in New Jersey said she now sends chairs in the same container as a coffee roaster's equipment and a bicycle parts firm. "I used to wait until I had a full box, which meant my customers waited too," she said.

## The fine print

Shared loads take longer to pack and unpack, and one delayed customs form can hold up everyone's goods. Brokers are starting to offer insurance against that delay, at a price.

## Where prices go next

Analysts expect rates to stay volatile through the winter as carriers adjust routes. Several said sharing was likely to outlast the current swings because it suits companies that ship often in small amounts.`,
		credit:  "Business correspondent Tomás Álvarez contributed to this report.",
		sites:   [][2]string{{"U.S. International Trade Administration", "https://www.trade.gov/"}},
		related: []string{"tea"}, hoursAgo: 8,
		photo: &samplePhoto{alt: "Red and grey shipping containers stacked on a cargo ship at dusk", caption: "A container ship loads at an East Coast port.", credit: "Illustration: Dateline", palette: 5},
		comments: []sampleComment{
			{"Bill Harper", "Baltimore", "We've done this for two years with our guitar parts. The customs delay point is real: one bad form cost us three weeks.", "featured"},
			{"Elena R.", "Newark", "Great for small firms. I wish the brokers were clearer about fees up front.", "published"},
		},
	},
	{
		key: "plainer", section: "business", city: "Frankfurt", bureau: "ldn", authors: []string{"daniel-brooks"},
		topics:   []string{"economy"},
		headline: "Central bankers weigh plainer language in rate statements",
		dek:      "A study found that half of readers misread a typical policy statement.",
		body: `Central bank officials meeting in Frankfurt discussed on Friday whether to rewrite their interest-rate statements in plainer language, after research suggested that many readers misunderstand them.

In a study presented at the meeting, half of the 3,000 people shown a typical statement could not say whether rates had gone up or down.

## Shorter sentences, fewer hedges

The researchers tested a version with short sentences, a one-line summary at the top and a table of numbers. Understanding rose sharply, and readers trusted the bank a little more.

"Markets will read every word whatever we do," one official said. "The question is whether anyone else can."

## The risk of saying too little

Some economists warned that simpler wording could sound more certain than the bank intends, and that markets may react to every change in a short text.`,
		credit:   "Editor Daniel Brooks contributed to this report.",
		hoursAgo: 150,
		photo:    &samplePhoto{alt: "A tall glass office tower against a clear blue sky", caption: "Officials met at a conference centre in the city's financial district.", credit: "Illustration: Dateline", palette: 6},
	},
	{
		key: "tea", section: "business", city: "Hong Kong", bureau: "hk", authors: []string{"mei-lin-chau", "kenji-mori"},
		topics:   []string{"trade", "technology"},
		headline: "Tea merchants bet on traceable leaves to win younger buyers",
		dek:      "A code on each tin tells where the tea was grown and when it was picked.",
		body: `Some of Hong Kong's oldest tea merchants are printing codes on their tins that let buyers trace the leaves back to the hillside where they were picked, hoping to win over younger customers who want to know where things come from.

## From hillside to shop shelf

Scanning the code shows the farm, the picking date and the dates the tea was rolled, dried and shipped. One merchant said the system took two years to set up with growers, many of whom keep records on paper.

"My grandfather knew every farmer by name," said the merchant, whose family shop opened in 1952. "My customers cannot do that, so the tin does it for them."

## Will it sell?

Early sales of traced teas are up, merchants said, though they admitted curiosity may fade. Some older customers said they preferred to judge the tea by its smell.`,
		credit:   "Bureau chief Mei Lin Chau and correspondent Kenji Mori contributed to this report.",
		hoursAgo: 200,
		photo:    &samplePhoto{alt: "Rows of green tea bushes on a terraced hillside in morning mist", caption: "Terraced tea gardens of the kind the codes trace.", credit: "Illustration: Dateline", palette: 7},
		comments: []sampleComment{
			{"Ivy Cheung", "Sheung Wan", "I bought one of these tins last week. Scanning it in the shop was fun, but the tea is what brings me back.", "published"},
		},
	},
	{
		key: "corals", section: "science", city: "London", bureau: "ldn", authors: []string{"harriet-okafor"},
		topics:   []string{"oceans", "climate"},
		headline: "Deep-sea survey maps a hidden forest of cold-water corals",
		dek:      "Robot submarines found reefs hundreds of metres down, far larger than charts suggested.",
		body: `Scientists have mapped a band of cold-water coral reefs stretching more than 40 kilometres along a deep underwater ridge in the North Atlantic, far larger than earlier charts suggested.

The survey, using two robot submarines over six weeks, found the reefs between 400 and 900 metres down, where the water is dark and just a few degrees above freezing.

## Forests without sunlight

Unlike tropical corals, these species do not rely on sunlight. They feed on tiny particles drifting down from the surface and can take centuries to grow a metre.

"It is like finding an old-growth forest that nobody knew was there," said the survey's chief scientist.

## Trawl marks nearby

The team also filmed long scars on the seabed close to the reefs, which they said were left by bottom trawling. They will present the maps to fisheries regulators next year and ask for the area to be protected.

## Open data

All the survey's maps and video will be published online for other researchers, the team said.`,
		credit:  "Science correspondent Harriet Okafor contributed to this report.",
		sites:   [][2]string{{"National Oceanography Centre", "https://noc.ac.uk/"}, {"NOAA Deep-Sea Coral Research", "https://deepseacoraldata.noaa.gov/"}},
		related: []string{"typhoon"}, hoursAgo: 20,
		photo: &samplePhoto{alt: "Orange and white branching corals lit by a submarine's lamps in dark blue water", caption: "Corals filmed by one of the survey's robot submarines.", credit: "Illustration: Dateline", palette: 8},
		comments: []sampleComment{
			{"Sam Whitaker", "Plymouth", "Centuries to grow a metre, minutes to destroy with a trawl. Protect it.", "featured"},
			{"M. Duarte", "Lisbon", "Wonderful footage. Will the data include the species counts?", "published"},
		},
	},
	{
		key: "lunar", section: "science", city: "Houston", bureau: "ny", authors: []string{"tomas-alvarez"},
		topics:   []string{"space", "technology"},
		headline: "Lunar dust tests point to tougher seals for rover joints",
		dek:      "Fine, sharp grit wore through standard seals in a few hundred hours.",
		body: `Engineers testing rover parts in a chamber filled with artificial moon dust say the seals used in today's designs may wear out far sooner than expected on the lunar surface.

In tests lasting 1,000 hours, standard rubber seals on wheel joints let dust through after about 300 hours. Seals with a layered metal and polymer design lasted the whole test.

## Dust that cuts

Moon dust has never been smoothed by wind or water, so its grains stay sharp. Astronauts in the 1970s found it clung to suits and scratched visors.

"It behaves less like sand and more like crushed glass that sticks to everything," one test engineer said.

## Weight against wear

The tougher seals are heavier, and every gram sent to the moon costs money. The team is now testing whether a lighter version can last as long.`,
		credit:   "Tomás Álvarez contributed to this report.",
		sites:    [][2]string{{"NASA Artemis", "https://www.nasa.gov/humans-in-space/artemis/"}},
		hoursAgo: 124,
		photo:    &samplePhoto{alt: "A test rover wheel half buried in grey powder inside a metal chamber", caption: "A rover wheel in the dust chamber.", credit: "Illustration: Dateline", palette: 9},
	},
	{
		key: "shifts", section: "science", city: "Boston", bureau: "ny", authors: []string{"tomas-alvarez"},
		topics:   []string{"public-health"},
		headline: "Shorter night shifts cut medication errors, hospital study finds",
		dek:      "Nurses on ten-hour nights made fewer dosing mistakes than those on twelve-hour shifts.",
		body: `Nurses working ten-hour night shifts made about a fifth fewer medication errors than colleagues on twelve-hour nights, a year-long study across four hospitals has found.

## Counting the near misses

The study counted errors caught by pharmacists and scanners before they reached patients, as well as the few that did. Most happened in the last two hours of a shift.

"Fatigue is not a character flaw," said the nurse researcher who led the study. "It is a predictable result of how we schedule people."

## Cost of more shifts

Shorter shifts mean more handovers and more staff. Hospital managers said they would test the schedule on two more wards before deciding.`,
		credit:   "Tomás Álvarez contributed to this report.",
		hoursAgo: 178,
		comments: []sampleComment{
			{"Nurse J.", "Worcester", "Twelve hours at night is brutal. The last two hours are exactly when I double-check everything twice.", "featured"},
			{"Keith P.", "Quincy", "More handovers also cause errors. I hope they measured that too.", "published"},
		},
	},
	{
		key: "buskers", section: "culture", city: "New York", bureau: "ny", authors: []string{"tomas-alvarez"},
		topics:   []string{"cities", "music"},
		headline: "Subway musicians' audition draws a record crowd",
		dek:      "Some 300 acts played for a coveted spot under the city's busiest stations.",
		body: `A steel-drum duo, a string quartet and a man who plays tunes on a saw were among some 300 acts that auditioned on Tuesday for permits to perform in the subway, the largest turnout in the program's history.

## Three minutes to impress

Each act had three minutes in front of a panel of musicians and transit staff. Winners get a place on a rotating schedule at busy stations.

"Down there you have a thousand people an hour who did not come to hear you," said a saxophonist who has played the stations for twenty years. "If you can stop one of them, you can play anywhere."

## More spots, more rules

The transit authority said it would add stations next year, along with rules on volume after crowds complained about amplifiers.`,
		credit:   "Tomás Álvarez contributed to this report.",
		hoursAgo: 48,
		photo:    &samplePhoto{alt: "A cellist and violinist perform on a tiled subway platform as commuters pass", caption: "A string duo plays during the auditions.", credit: "Illustration: Dateline", palette: 10},
		comments: []sampleComment{
			{"Dana", "Brooklyn", "The saw player at Union Square makes my morning every Tuesday.", "published"},
		},
	},
	{
		key: "joinery", section: "culture", city: "Kyoto", bureau: "hk", authors: []string{"kenji-mori"},
		topics:   []string{"technology", "heritage"},
		headline: "Temple carpenters train apprentices with 3D scans of old joinery",
		dek:      "Scans of centuries-old joints let students study what they cannot take apart.",
		body: `Master carpenters who repair Kyoto's wooden temples have begun teaching apprentices with detailed 3D scans of joints that have held buildings together for centuries without nails.

## Seeing inside the beam

Traditional joints lock timbers together with hidden shapes that can only be seen by taking a building apart, which happens perhaps once a generation. The scans, made during a recent repair, let students turn the joints on a screen and print models to handle.

"A drawing shows the outside. The scan shows the thinking," said a master carpenter who has worked on temples for forty years.

## Hands still matter

The carpenters stressed that the scans are a supplement. Apprentices still spend years learning to sharpen tools and read the grain of each piece of wood.`,
		credit:   "Correspondent Kenji Mori contributed to this report.",
		sites:    [][2]string{{"Agency for Cultural Affairs, Japan", "https://www.bunka.go.jp/english/"}},
		hoursAgo: 230,
		photo:    &samplePhoto{alt: "Interlocking wooden beams of a temple roof seen from below", caption: "Joinery in a temple roof under repair.", credit: "Illustration: Dateline", palette: 11},
	},
	{
		key: "embargoed", section: "business", city: "New York", bureau: "ny", authors: []string{"tomas-alvarez"},
		topics:   []string{"trade"},
		headline: "Port strike talks reach overnight deal",
		dek:      "Embargoed until the parties announce the agreement.",
		body:     "Negotiators reached a tentative agreement overnight.\n\n## Terms\n\nDetails will follow at the announcement.",
		state:    "scheduled", hoursAgo: -12,
	},
	{
		key: "draft", section: "world", city: "Geneva", bureau: "ldn", authors: []string{"harriet-okafor"},
		topics:   []string{"aid"},
		headline: "Draft: donor conference pledges under review",
		body:     "Figures are still being checked with the organisers.",
		state:    "draft",
	},
}
