// Package event is Dateline's one vocabulary of what happens. The audit log records
// each change under one of these names, the outbox carries after-commit work under
// these kinds, and webhooks will announce the same names: a search of the log for
// "story.published" finds every publication, whoever or whatever made it. It
// imports nothing of ours.
package event

// Changes recorded in the audit log.
const (
	StoryCreate       = "story.create"
	StorySave         = "story.save"
	StoryRestore      = "story.restore"
	StoryTrash        = "story.trash"
	StoryRestoreTrash = "story.untrash"
	StoryDelete       = "story.delete"
	MediaDelete       = "media.delete"
	MediaUpdate       = "media.update"
	MessageDelete     = "message.delete"
	StoryWireUpdate   = "story.wire_update"
	WireUse           = "wire.use"
	WirePublish       = "wire.publish"
	FrontUpdate       = "front.update"
	MediaUpload       = "media.upload"

	MessageEdit   = "message.edit"
	ReaderErase   = "reader.erase"
	ReaderExport  = "reader.export"
	SiteUpdate    = "settings.update"
	PageSave      = "page.save"
	SectionCreate = "section.create"
	SectionUpdate = "section.update"
	BureauCreate  = "bureau.create"
	BureauUpdate  = "bureau.update"
	TopicRename   = "topic.rename"
	TopicMerge    = "topic.merge"

	PersonCreate   = "person.create"
	PersonUpdate   = "person.update"
	PersonInvite   = "person.invite"
	PersonReset    = "person.reset"
	PersonSignIn   = "person.signin"
	PersonPassword = "person.password"
	TokenCreate    = "token.create"
	SiteImport     = "site.import"
)

// StoryMoved names a story's entry into a state ("story.published",
// "story.scheduled", ...), whoever moves it: an editor, the Admin API, the scheduler
// or a wire withdrawal.
func StoryMoved(state string) string { return "story." + state }

// StoryNote names a public note added to a story: "story.update" or "story.correction".
func StoryNote(kind string) string { return "story." + kind }

// MessageMoved names a reader message's entry into a moderation state
// ("message.approved", "message.rejected", ...).
func MessageMoved(state string) string { return "message." + state }

// Work the outbox carries after a commit.
const (
	// PurgeCDN asks the CDN to drop the pages a change touched. Payload: {"tags": [...]}.
	PurgeCDN = "cdn.purge"
	// RefreshRelated recomputes a story's automatic related stories. Payload: {"story_id": N}.
	RefreshRelated = "story.related"
	// NotifyLetter tells the letters desk of a new reader message. Payload: {"message_id": N}.
	NotifyLetter = "letter.notify"
)
