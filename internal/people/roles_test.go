package people

import "testing"

func TestRoles(t *testing.T) {
	cases := []struct {
		role Role
		can  []Action
		not  []Action
	}{
		{RoleWriter, []Action{ActWriteOwn, ActUploadMedia}, []Action{ActEditAny, ActPublish, ActModerate, ActManagePeople, ActViewAudit}},
		{
			RoleEditor,
			[]Action{ActWriteOwn, ActEditAny, ActPublish, ActCorrect, ActModerate, ActCurateFronts},
			[]Action{ActManagePeople, ActManageSettings, ActManageTokens, ActViewAudit},
		},
		{RoleAdmin, []Action{ActPublish, ActManagePeople, ActManageSettings, ActManageTokens, ActViewAudit}, nil},
	}
	for _, c := range cases {
		for _, a := range c.can {
			if !c.role.Can(a) {
				t.Errorf("%s cannot %s", c.role, a)
			}
		}
		for _, a := range c.not {
			if c.role.Can(a) {
				t.Errorf("%s can %s", c.role, a)
			}
		}
	}
	if (Person{Role: RoleAdmin, Disabled: true}).Can(ActWriteOwn) {
		t.Error("a disabled admin can act")
	}
	if Role("boss").Can(ActWriteOwn) {
		t.Error("an unknown role can act")
	}
}
