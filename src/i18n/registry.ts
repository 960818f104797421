/** Refusals, field names, labels and command texts of the registry, Vietnamese first. */
import type { GroupKind, PolicyCategory, PovertyStatus, Sex, ShockKind } from '../domain/registry/kinds.ts';
import type { Text } from './types.ts';

export const REGISTRY_REFUSALS: Record<string, Text> = {
  value_required: { vi: 'không được để trống', en: 'must not be empty' },
  name_invalid: {
    vi: 'tên chỉ gồm chữ cái (có dấu), dấu cách, dấu nháy, dấu chấm hoặc gạch nối',
    en: 'a name holds only letters (with diacritics), spaces, apostrophes, dots or hyphens',
  },
  birth_year_invalid: {
    vi: 'năm sinh phải là năm có 4 chữ số từ {min} đến {max}',
    en: 'a birth year is a four-digit year from {min} to {max}',
  },
  sex_unknown: { vi: 'giới tính ghi là {allowed}', en: 'sex is written {allowed}' },
  id_number_invalid: {
    vi: 'số CCCD có 12 chữ số (CMND cũ có 9 chữ số)',
    en: 'a citizen ID (CCCD) has 12 digits (an old CMND has 9)',
  },
  id_number_taken: {
    vi: 'số CCCD này đã thuộc về người khác ({person})',
    en: 'this ID number already belongs to someone else ({person})',
  },
  phone_invalid: {
    vi: 'số điện thoại có 10 chữ số (di động) hoặc 11 chữ số (cố định), bắt đầu bằng 0 hoặc +84',
    en: 'a phone number has 10 digits (mobile) or 11 (landline), starting with 0 or +84',
  },
  status_unknown: {
    vi: 'tình trạng nghèo phải là: Hộ nghèo, Hộ cận nghèo, Hộ mới thoát nghèo, Hộ có mức sống trung bình hoặc Không thuộc diện',
    en: 'poverty status must be one of: {allowed}',
  },
  standard_unknown: {
    vi: 'không có chuẩn nghèo này; chọn một trong: {allowed}',
    en: 'no such poverty standard; choose one of: {allowed}',
  },
  standard_none: {
    vi: 'không có chuẩn nghèo nào áp dụng vào ngày này (chỉ có từ {from:date} đến {to:date})',
    en: 'no poverty standard applies on this date (standards cover {from:date} to {to:date})',
  },
  standard_not_in_force: {
    vi: 'chuẩn {standard} chỉ áp dụng cho quyết định từ {from:date} đến {to:date}',
    en: 'standard {standard} applies to decisions from {from:date} to {to:date} only',
  },
  date_in_future: {
    vi: 'ngày này sau hôm nay ({today:date}): sổ chỉ ghi những việc đã xảy ra',
    en: 'this date is after today ({today:date}): the registry records what has happened',
  },
  date_order: { vi: 'ngày này phải sau {after:date}', en: 'this date must come after {after:date}' },
  amount_negative: { vi: 'số tiền không được âm', en: 'the amount cannot be negative' },
  policy_unknown: {
    vi: 'đối tượng chính sách không có trong danh mục: Thương binh, Gia đình liệt sĩ, Người có công, Người khuyết tật, Người cao tuổi cô đơn, Trẻ mồ côi, Đơn thân, Dân tộc thiểu số, Nạn nhân chất độc da cam',
    en: 'this policy category is not in the list: {allowed}',
  },
  war_invalid_class_invalid: {
    vi: 'thương binh phải ghi hạng: 1/4, 2/4, 3/4 hoặc 4/4 (ví dụ "Thương binh 2/4")',
    en: 'a war invalid needs a class: 1/4, 2/4, 3/4 or 4/4 (e.g. "Thương binh 2/4")',
  },
  shock_kind_unknown: {
    vi: 'loại rủi ro phải là: hỏa hoạn, lũ lụt, bão, ốm đau, tai nạn, qua đời, mất mùa, dịch bệnh gia súc',
    en: 'the kind of shock must be one of: {allowed}',
  },
  group_kind_unknown: {
    vi: 'loại tổ phải là: vbsp_group (Tổ TK&VV), vsla (tổ tiết kiệm), joint_plan (tổ hợp tác Quỹ HTND)',
    en: 'the kind of group must be one of: {allowed}',
  },
  village_unknown: { vi: 'không có thôn này', en: 'there is no such village' },
  village_exists: {
    vi: 'đã có thôn cùng tên ({village})',
    en: 'a village with this name exists ({village})',
  },
  village_archived: { vi: 'thôn này đã lưu trữ', en: 'this village is archived' },
  household_unknown: { vi: 'không có hộ này', en: 'there is no such household' },
  household_archived: {
    vi: 'hộ này đã lưu trữ từ {on:date}: không ghi thêm được',
    en: 'this household was archived on {on:date}: nothing more can be recorded for it',
  },
  household_members_in_groups: {
    vi: 'người trong hộ còn trong tổ ({groups}): cho ra khỏi tổ trước khi lưu trữ hộ',
    en: 'members of the household are still in groups ({groups}): they must leave first',
  },
  person_unknown: { vi: 'không có người này', en: 'there is no such person' },
  person_required: {
    vi: 'ghi Mã người, hoặc Số CCCD, hoặc Mã hộ cùng Họ và tên',
    en: 'give a person id, or an ID number, or a household id with the full name',
  },
  person_ambiguous: {
    vi: 'trong hộ có nhiều người trùng tên ({people}): ghi thêm Mã người hoặc năm sinh',
    en: 'several people of the household share this name ({people}): give a person id or a birth year',
  },
  person_name_mismatch: {
    vi: 'tên không khớp với người có mã này ({person}: {name})',
    en: 'the name does not match the person with this id ({person}: {name})',
  },
  person_not_in_household: {
    vi: 'người này không thuộc hộ {household}',
    en: 'this person is not a member of household {household}',
  },
  head_cannot_move: {
    vi: 'đây là chủ hộ {household}: đổi chủ hộ trước khi chuyển sang hộ khác',
    en: 'this is the head of household {household}: change the head before moving them',
  },
  shock_unknown: { vi: 'không có sự kiện rủi ro này', en: 'there is no such shock event' },
  group_unknown: { vi: 'không có tổ này', en: 'there is no such group' },
  group_exists: {
    vi: 'đã có tổ cùng tên ở thôn này ({group})',
    en: 'a group with this name exists in the village ({group})',
  },
  group_closed: { vi: 'tổ đã giải thể từ {on:date}', en: 'the group was closed on {on:date}' },
  group_full: {
    vi: 'tổ {group} đã đủ {max} thành viên: không thêm được',
    en: 'group {group} already has {max} members: no one more can join',
  },
  group_has_members: {
    vi: 'tổ còn {count} thành viên: cho ra khỏi tổ trước khi giải thể',
    en: 'the group still has {count} members: they must leave before it closes',
  },
  group_too_small: {
    vi: 'tổ "{name}" chỉ có {count} thành viên; tổ cần ít nhất {min}',
    en: 'group "{name}" has {count} members; a group needs at least {min}',
  },
  group_organisation_mismatch: {
    vi: 'tổ {group} thuộc tổ chức {organisation}, không phải tổ chức ghi ở đây',
    en: 'group {group} belongs to organisation {organisation}, not the one given here',
  },
  leader_missing: { vi: 'tổ "{name}" chưa có tổ trưởng', en: 'group "{name}" has no leader' },
  leader_not_member: {
    vi: 'tổ trưởng phải là thành viên đang trong tổ {group}',
    en: 'the leader must be an active member of group {group}',
  },
  leader_cannot_leave: {
    vi: 'đây là tổ trưởng của tổ {group}: chọn tổ trưởng mới trước khi ra khỏi tổ',
    en: 'this is the leader of group {group}: choose a new leader before they leave',
  },
  member_outside_village: {
    vi: 'tổ "{name}" ở thôn {groupVillage} có thành viên {person} ở thôn {village}',
    en: 'group "{name}" in village {groupVillage} has member {person} living in village {village}',
  },
  membership_exists: {
    vi: 'người này đang là thành viên của {of} (từ {since:date})',
    en: 'this person is already a member of {of} (since {since:date})',
  },
  membership_overlap: {
    vi: 'trùng với thời gian là thành viên {of} từ {from:date} đến {to:date}',
    en: 'overlaps membership of {of} from {from:date} to {to:date}',
  },
  membership_not_active: {
    vi: 'người này hiện không là thành viên của {of}',
    en: 'this person is not a member of {of} now',
  },
  leave_before_join: {
    vi: 'ngày ra phải sau ngày vào ({joined:date})',
    en: 'the leave date must be after the join date ({joined:date})',
  },
  join_before_founded: {
    vi: 'ngày vào trước ngày thành lập tổ ({founded:date})',
    en: 'the join date is before the group was founded ({founded:date})',
  },
  joint_plan_taken: {
    vi: 'người này đang trong tổ hợp tác {group}: mỗi người chỉ trong một phương án liên kết',
    en: 'this person is already in joint plan {group}: one active joint plan per person',
  },
  duplicate_in_file: {
    vi: 'mã này đã có ở dòng {first} của tệp',
    en: 'this id already appears on row {first} of the file',
  },
  conflicting_rows: {
    vi: 'khác với giá trị đã ghi ở dòng {first} cho cùng một người hoặc quyết định',
    en: 'differs from what row {first} says about the same person or decision',
  },
  column_not_in_sheet: {
    vi: 'cột này không thuộc trang {sheet}',
    en: 'this column does not belong on sheet {sheet}',
  },
  column_duplicate: { vi: 'cột này bị lặp', en: 'this column appears twice' },
  sheet_unknown: {
    vi: 'không nhận ra trang nào: cần dòng tiêu đề có Mã hộ, Họ và tên chủ hộ, Thôn (hoặc Họ và tên, Tình trạng nghèo, Ngày vào…)',
    en: 'no sheet was recognised: a header row needs Mã hộ, Họ và tên chủ hộ, Thôn (or Họ và tên, Tình trạng nghèo, Ngày vào…)',
  },
  format_unknown: { vi: 'chỉ nhập được tệp .xlsx hoặc .csv', en: 'only .xlsx or .csv files can be imported' },
};

export const REGISTRY_FIELDS: Record<string, Text> = {
  households: { vi: 'Trang Hộ', en: 'Households sheet' },
  people: { vi: 'Trang Nhân khẩu', en: 'People sheet' },
  statuses: { vi: 'Trang Tình trạng nghèo', en: 'Status sheet' },
  memberships: { vi: 'Trang Thành viên', en: 'Memberships sheet' },
  head: { vi: 'Chủ hộ', en: 'Head' },
  householdId: { vi: 'Mã hộ', en: 'Household id' },
  headName: { vi: 'Họ và tên chủ hộ', en: 'Head of household' },
  headPersonId: { vi: 'Chủ hộ', en: 'Head of household' },
  village: { vi: 'Thôn', en: 'Village' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  birthYear: { vi: 'Năm sinh', en: 'Birth year' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  idNumber: { vi: 'Số CCCD', en: 'ID number' },
  status: { vi: 'Tình trạng nghèo', en: 'Poverty status' },
  decidedOn: { vi: 'Ngày quyết định', en: 'Decision date' },
  certificateNo: { vi: 'Số giấy chứng nhận', en: 'Certificate no.' },
  standard: { vi: 'Chuẩn nghèo', en: 'Poverty standard' },
  incomeDong: { vi: 'Thu nhập bình quân', en: 'Income per person' },
  policies: { vi: 'Đối tượng chính sách', en: 'Policy categories' },
  category: { vi: 'Đối tượng chính sách', en: 'Policy category' },
  detail: { vi: 'Chi tiết', en: 'Detail' },
  since: { vi: 'Từ ngày', en: 'Since' },
  until: { vi: 'Đến ngày', en: 'Until' },
  personId: { vi: 'Mã người', en: 'Person id' },
  person: { vi: 'Người', en: 'Person' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  relation: { vi: 'Quan hệ với chủ hộ', en: 'Relation to head' },
  groupId: { vi: 'Mã tổ', en: 'Group id' },
  group: { vi: 'Tổ', en: 'Group' },
  groupKind: { vi: 'Loại tổ', en: 'Kind of group' },
  leaderPersonId: { vi: 'Tổ trưởng', en: 'Leader' },
  foundedOn: { vi: 'Ngày thành lập', en: 'Founded on' },
  purpose: { vi: 'Mục đích', en: 'Purpose' },
  joinedOn: { vi: 'Ngày vào', en: 'Joined on' },
  leftOn: { vi: 'Ngày ra', en: 'Left on' },
  on: { vi: 'Ngày', en: 'Date' },
  reason: { vi: 'Lý do', en: 'Reason' },
  shockKind: { vi: 'Loại rủi ro', en: 'Kind of shock' },
  occurredOn: { vi: 'Ngày xảy ra', en: 'Date of the event' },
  description: { vi: 'Mô tả', en: 'Description' },
  lossDong: { vi: 'Thiệt hại ước tính', en: 'Estimated loss' },
  name: { vi: 'Tên', en: 'Name' },
  id: { vi: 'Mã', en: 'Id' },
  query: { vi: 'Từ khóa tìm', en: 'Search text' },
};

export const STATUS_LABELS: Record<PovertyStatus, Text> = {
  poor: { vi: 'Hộ nghèo', en: 'Poor' },
  near_poor: { vi: 'Hộ cận nghèo', en: 'Near-poor' },
  recently_escaped: { vi: 'Hộ mới thoát nghèo', en: 'Recently escaped' },
  middle: { vi: 'Hộ có mức sống trung bình', en: 'Middle living standard' },
  none: { vi: 'Không thuộc diện', en: 'None' },
};

export const SEX_LABELS: Record<Sex, Text> = {
  male: { vi: 'Nam', en: 'Male' },
  female: { vi: 'Nữ', en: 'Female' },
};

export const POLICY_LABELS: Record<PolicyCategory, Text> = {
  war_invalid: { vi: 'Thương binh', en: 'War invalid' },
  martyr_family: { vi: 'Gia đình liệt sĩ', en: 'Martyr’s family' },
  revolution_contributor: { vi: 'Người có công với cách mạng', en: 'Contributor to the revolution' },
  disability: { vi: 'Người khuyết tật', en: 'Person with disability' },
  elderly_alone: { vi: 'Người cao tuổi cô đơn', en: 'Elderly living alone' },
  orphan: { vi: 'Trẻ mồ côi', en: 'Orphan' },
  single_parent: { vi: 'Đơn thân', en: 'Single parent' },
  ethnic_minority: { vi: 'Dân tộc thiểu số', en: 'Ethnic minority' },
  agent_orange: { vi: 'Nạn nhân chất độc da cam', en: 'Agent Orange victim' },
};

export const SHOCK_LABELS: Record<ShockKind, Text> = {
  fire: { vi: 'Hỏa hoạn', en: 'Fire' },
  flood: { vi: 'Lũ lụt', en: 'Flood' },
  storm: { vi: 'Bão', en: 'Storm' },
  illness: { vi: 'Ốm đau', en: 'Illness' },
  accident: { vi: 'Tai nạn', en: 'Accident' },
  death: { vi: 'Qua đời', en: 'Death' },
  crop_loss: { vi: 'Mất mùa', en: 'Crop loss' },
  livestock_loss: { vi: 'Dịch bệnh gia súc', en: 'Livestock loss' },
};

export const GROUP_KIND_LABELS: Record<GroupKind, Text> = {
  vbsp_group: { vi: 'Tổ TK&VV (NHCSXH)', en: 'VBSP savings-and-loan group' },
  vsla: { vi: 'Tổ tiết kiệm (Hội LHPN)', en: 'Savings group (VSLA)' },
  joint_plan: { vi: 'Tổ hợp tác (Quỹ HTND)', en: 'Joint plan (Farmers Support Fund)' },
};

/** Texts of the registry commands. */
export const REGISTRY_CLI = {
  village: { vi: 'thôn, xóm', en: 'villages' },
  villageAdd: { vi: 'thêm thôn', en: 'add a village' },
  villageList: { vi: 'danh sách thôn', en: 'list villages' },
  household: { vi: 'hộ gia đình', en: 'households' },
  householdAdd: { vi: 'thêm hộ cùng chủ hộ', en: 'add a household with its head' },
  householdShow: {
    vi: 'xem hộ: nhân khẩu, tình trạng nghèo, rủi ro, tổ',
    en: 'show a household: members, status, shocks, groups',
  },
  householdList: {
    vi: 'danh sách hộ (lọc theo thôn, tình trạng)',
    en: 'list households (by village, status)',
  },
  householdUpdate: { vi: 'sửa thông tin hộ', en: 'change a household' },
  householdArchive: { vi: 'lưu trữ hộ (không bao giờ xóa)', en: 'archive a household (never deleted)' },
  person: { vi: 'nhân khẩu', en: 'people' },
  personAdd: { vi: 'thêm người vào hộ', en: 'add a person to a household' },
  personShow: { vi: 'xem một người', en: 'show a person' },
  personUpdate: { vi: 'sửa thông tin người', en: 'change a person' },
  personPolicy: { vi: 'ghi đối tượng chính sách', en: 'set a policy category' },
  status: { vi: 'tình trạng nghèo', en: 'poverty status' },
  statusSet: { vi: 'ghi quyết định công nhận tình trạng nghèo', en: 'record a poverty status decision' },
  statusShow: {
    vi: 'lịch sử tình trạng nghèo và các dấu hiệu tại một ngày',
    en: 'status history and flags as of a date',
  },
  statusStandards: { vi: 'các chuẩn nghèo theo thời gian', en: 'poverty standards over time' },
  shock: { vi: 'rủi ro (hỏa hoạn, lũ lụt, ốm đau, …)', en: 'shocks (fire, flood, illness, …)' },
  shockAdd: { vi: 'ghi một sự kiện rủi ro', en: 'record a shock' },
  shockList: { vi: 'danh sách rủi ro', en: 'list shocks' },
  shockShow: { vi: 'xem một sự kiện rủi ro', en: 'show a shock' },
  group: { vi: 'tổ, nhóm', en: 'groups' },
  groupAdd: { vi: 'thành lập tổ', en: 'found a group' },
  groupJoin: { vi: 'cho một người vào tổ', en: 'a person joins a group' },
  groupLeave: { vi: 'cho một người ra khỏi tổ', en: 'a person leaves a group' },
  groupLeader: { vi: 'đổi tổ trưởng', en: 'change the leader' },
  groupClose: { vi: 'giải thể tổ', en: 'close a group' },
  groupShow: { vi: 'xem tổ và thành viên tại một ngày', en: 'show a group and its members as of a date' },
  groupList: { vi: 'danh sách tổ', en: 'list groups' },
  groupCheck: {
    vi: 'kiểm tra tổ: dưới 3 thành viên, tổ trưởng, thành viên ngoài thôn',
    en: 'check groups: under 3 members, leaders, members outside the village',
  },
  member: { vi: 'hội viên của tổ chức', en: 'organisation members' },
  memberJoin: { vi: 'kết nạp hội viên', en: 'a person joins an organisation' },
  memberLeave: { vi: 'hội viên ra khỏi hội', en: 'a person leaves an organisation' },
  memberList: { vi: 'danh sách hội viên tại một ngày', en: 'members as of a date' },
  search: {
    vi: 'tìm người theo tên (không dấu, sai một chữ vẫn thấy), mã, CCCD, điện thoại',
    en: 'find people by name (accents and a typo forgiven), id, ID number, phone',
  },
  registry: {
    vi: 'nhập, xuất và nhật ký thay đổi danh sách hộ',
    en: 'import, export and change log of the registry',
  },
  registryImport: {
    vi: 'nhập hộ, nhân khẩu, tình trạng nghèo, thành viên từ .xlsx hoặc .csv (tất cả hoặc không dòng nào)',
    en: 'import households, people, status and memberships from .xlsx or .csv (all rows or none)',
  },
  registryExport: { vi: 'xuất danh sách ra tệp .xlsx', en: 'export the lists to .xlsx' },
  registryLog: { vi: 'nhật ký thay đổi danh sách', en: 'the registry change log' },
  importOk: {
    vi: 'Đã nhập: tạo mới {created}; cập nhật {updated}.',
    en: 'Imported: created {created}; updated {updated}.',
  },
  importNothing: {
    vi: 'Không có gì thay đổi: dữ liệu trong tệp đã có sẵn.',
    en: 'Nothing changed: the file’s content is already recorded.',
  },
  importDryOk: {
    vi: 'Kiểm tra thử: {rows} dòng, không có lỗi. Sẽ tạo mới {created}; cập nhật {updated}. Chưa ghi gì.',
    en: 'Dry run: {rows} rows, no problems. Would create {created}; update {updated}. Nothing written.',
  },
  importSkipped: {
    vi: 'Bỏ qua trang không có dòng tiêu đề nhận ra được: {sheets}',
    en: 'Skipped sheets with no recognised header: {sheets}',
  },
  newVillages: { vi: 'Thôn mới: {names}', en: 'New villages: {names}' },
  exported: {
    vi: 'Đã xuất {households} hộ, {people} nhân khẩu, {statuses} quyết định, {memberships} thành viên ra {file}.',
    en: 'Exported {households} households, {people} people, {statuses} decisions, {memberships} memberships to {file}.',
  },
  checkOk: { vi: 'Các tổ đều đạt tại ngày {asOf:date}.', en: 'All groups pass as of {asOf:date}.' },
  checkBad: { vi: '{count} vấn đề tại ngày {asOf:date}:', en: '{count} problems as of {asOf:date}:' },
  noHits: { vi: 'Không tìm thấy ai.', en: 'No one found.' },
  truncated: {
    vi: '(đã xét {candidates} người đầu tiên; hãy ghi thêm tên hoặc lọc theo thôn)',
    en: '(looked at the first {candidates} people; type more of the name or filter by village)',
  },
  newlyPoor: { vi: 'Hộ nghèo mới phát sinh (từ {since:date})', en: 'Newly poor (since {since:date})' },
  fellBack: { vi: 'Hộ tái nghèo (từ {since:date})', en: 'Fell back into poverty (since {since:date})' },
  escaped: {
    vi: 'Thoát nghèo ngày {on:date}: đủ điều kiện vay hộ mới thoát nghèo đến hết {through:date}',
    en: 'Escaped poverty on {on:date}: eligible for the recently-escaped loan through {through:date}',
  },
  escapedOld: {
    vi: 'Thoát nghèo ngày {on:date}: đã quá 3 năm (hết hạn {through:date})',
    en: 'Escaped poverty on {on:date}: more than 3 years ago (ended {through:date})',
  },
  hId: { vi: 'Mã', en: 'Id' },
  hName: { vi: 'Họ và tên', en: 'Full name' },
  hHead: { vi: 'Chủ hộ', en: 'Head' },
  hVillage: { vi: 'Thôn', en: 'Village' },
  hHousehold: { vi: 'Hộ', en: 'Household' },
  hStatus: { vi: 'Tình trạng', en: 'Status' },
  hBirth: { vi: 'Năm sinh', en: 'Born' },
  hSex: { vi: 'Giới tính', en: 'Sex' },
  hIdNumber: { vi: 'Số CCCD', en: 'ID number' },
  hPhone: { vi: 'Điện thoại', en: 'Phone' },
  hRelation: { vi: 'Quan hệ', en: 'Relation' },
  hPolicies: { vi: 'Chính sách', en: 'Policies' },
  hDecided: { vi: 'Ngày QĐ', en: 'Decided' },
  hStandard: { vi: 'Chuẩn', en: 'Standard' },
  hCertificate: { vi: 'Số GCN', en: 'Certificate' },
  hIncome: { vi: 'Thu nhập/người/tháng', en: 'Income/person/month' },
  hKind: { vi: 'Loại', en: 'Kind' },
  hDate: { vi: 'Ngày', en: 'Date' },
  hLoss: { vi: 'Thiệt hại', en: 'Loss' },
  hDescription: { vi: 'Mô tả', en: 'Description' },
  hOrganisation: { vi: 'Tổ chức', en: 'Organisation' },
  hGroup: { vi: 'Tổ', en: 'Group' },
  hLeader: { vi: 'Tổ trưởng', en: 'Leader' },
  hMembers: { vi: 'Thành viên', en: 'Members' },
  hJoined: { vi: 'Ngày vào', en: 'Joined' },
  hLeft: { vi: 'Ngày ra', en: 'Left' },
  hArchived: { vi: 'Lưu trữ', en: 'Archived' },
  hEdits: { vi: 'Sai khác', en: 'Edits' },
  hSeq: { vi: 'Số', en: 'No.' },
  hWhen: { vi: 'Lúc', en: 'When' },
  hWho: { vi: 'Người sửa', en: 'Who' },
  hWhat: { vi: 'Đối tượng', en: 'What' },
  hAction: { vi: 'Thao tác', en: 'Action' },
  hFrom: { vi: 'Hiệu lực từ', en: 'From' },
  hTo: { vi: 'đến', en: 'To' },
  hDecree: { vi: 'Văn bản', en: 'Decree' },
  hLine: { vi: 'Chuẩn nghèo nông thôn/thành thị', en: 'Poverty line rural/urban' },
  hSince: { vi: 'Từ', en: 'Since' },
} satisfies Record<string, Text>;
