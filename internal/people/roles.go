package people

// Action is something a newsroom member may be allowed to do.
type Action string

// The newsroom actions. Handlers check one of these for every route.
const (
	ActWriteOwn       Action = "write-own"       // create stories; edit own drafts; submit for review
	ActEditAny        Action = "edit-any"        // edit any story in any state
	ActPublish        Action = "publish"         // schedule, publish, unpublish
	ActCorrect        Action = "correct"         // append public updates and corrections
	ActModerate       Action = "moderate"        // the letters desk
	ActCurateFronts   Action = "curate-fronts"   // order the home and section fronts
	ActUploadMedia    Action = "upload-media"    // upload photos
	ActManagePeople   Action = "manage-people"   // invite, change roles, disable, reset passwords
	ActManageSettings Action = "manage-settings" // site settings, sections, bureaus, topics
	ActManageTokens   Action = "manage-tokens"   // Admin API tokens
	ActViewAudit      Action = "view-audit"      // the audit log
	ActDelete         Action = "delete"          // delete stories, photos and reader messages for good
)

// permissions lists what each role may do; higher roles include the lower ones'.
var permissions = map[Role][]Action{
	RoleWriter: {ActWriteOwn, ActUploadMedia},
	RoleEditor: {ActWriteOwn, ActUploadMedia, ActEditAny, ActPublish, ActCorrect, ActModerate, ActCurateFronts},
	RoleAdmin: {ActWriteOwn, ActUploadMedia, ActEditAny, ActPublish, ActCorrect, ActModerate, ActCurateFronts,
		ActManagePeople, ActManageSettings, ActManageTokens, ActViewAudit, ActDelete},
}

// Can reports whether the role allows the action.
func (r Role) Can(a Action) bool {
	for _, x := range permissions[r] {
		if x == a {
			return true
		}
	}
	return false
}

// Can reports whether an enabled person may take the action.
func (p Person) Can(a Action) bool { return !p.Disabled && p.Role.Can(a) }
