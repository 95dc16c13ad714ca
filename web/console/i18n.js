/*
 * The console's words, in English and Vietnamese. The language comes from the browser (vi… → vi,
 * anything else → en) unless the user picked one with the switch; dates and numbers go through Intl
 * for that language.
 */

const STRINGS = {
  en: {
    appName: 'Leadline',
    consoleTitle: 'Leadline console',
    language: 'Language',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {user}',
    mainNav: 'Main',
    skip: 'Skip to content',
    loading: 'Loading…',
    offline: 'The server could not be reached. Check your connection and try again.',
    forbiddenPage: 'Your role does not give access to this page.',
    notFoundPage: 'There is no such page.',
    sessionEnded: 'Your session has ended. Please sign in again.',
    tryAgain: 'Try again',
    close: 'Close',

    navLeads: 'Leads', navOverdue: 'Overdue', navTeam: 'Team', navAudit: 'Audit log', navUsers: 'Users', navPrivacy: 'Privacy requests',

    roles: 'Roles',
    'role.sales-rep': 'Sales rep', 'role.sales-manager': 'Sales manager', 'role.admin': 'Administrator',

    // Sign-in
    signInTitle: 'Sign in to the Leadline console',
    signInIntro: 'For the sales team. Every sign-in needs your password and a code from your authenticator app.',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    continue: 'Continue',
    startOver: 'Start over',
    working: 'Please wait…',
    newPasswordTitle: 'Choose your own password',
    newPasswordIntro: 'You signed in with a temporary password. Choose a new one that only you know.',
    newPassword: 'New password',
    confirmPassword: 'New password again',
    passwordRule: 'At least 12 characters, with an upper-case letter, a lower-case letter, a number and a symbol.',
    passwordsDiffer: 'The two passwords are not the same.',
    passwordWeak: 'This password does not follow the rule below.',
    mfaSetupTitle: 'Set up your authenticator app',
    mfaSetupIntro: 'Scan this code with an authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password), then enter the 6-digit code it shows.',
    mfaManual: 'Cannot scan? Enter this key in the app instead (time-based, 6 digits):',
    qrLabel: 'QR code for your authenticator app',
    mfaTitle: 'Enter your sign-in code',
    mfaIntro: 'Open your authenticator app and enter the 6-digit code for Leadline.',
    code: '6-digit code',
    codeFormat: 'The code is 6 digits.',
    verify: 'Verify',
    'cognito.NotAuthorizedException': 'Incorrect username or password.',
    'cognito.UserNotFoundException': 'Incorrect username or password.',
    'cognito.CodeMismatchException': 'That code is not right, or was already used. Wait for the next code and try again.',
    'cognito.EnableSoftwareTokenMFAException': 'That code is not right. Wait for the next code and try again.',
    'cognito.InvalidPasswordException': 'This password does not follow the rule: at least 12 characters, with an upper-case letter, a lower-case letter, a number and a symbol.',
    'cognito.TooManyFailedAttemptsException': 'Too many failed attempts. Wait 15 minutes and try again.',
    'cognito.TooManyRequestsException': 'Too many attempts. Wait a moment and try again.',
    'cognito.LimitExceededException': 'Too many attempts. Wait a moment and try again.',
    'cognito.ExpiredCodeException': 'That code has expired. Enter the current one.',
    sessionExpired: 'This sign-in took too long and has expired. Please start again.',
    userDisabled: 'This account is disabled. Ask an administrator.',
    unexpectedChallenge: 'The sign-in service asked for a step this console does not support ({name}).',

    // Leads
    leadsTitle: 'Leads',
    leadsIntro: 'Personal data is masked here. Open a lead to see it; that view is recorded in the audit log.',
    filters: 'Filters',
    status: 'Status',
    anyStatus: 'Any status',
    owner: 'Owner',
    ownerMineAndQueue: 'Mine and unassigned',
    ownerEveryone: 'Everyone',
    ownerMe: 'Only mine',
    ownerUnassigned: 'Unassigned',
    flow: 'Flow',
    flowPlaceholder: 'e.g. website-lead',
    createdFrom: 'Created from',
    createdTo: 'Created to',
    apply: 'Apply',
    reset: 'Reset',
    loadMore: 'Load more',
    noLeads: 'No leads match these filters.',
    colName: 'Name', colEmail: 'E-mail', colPhone: 'Phone', colStatus: 'Status', colOwner: 'Owner', colFlow: 'Flow',
    colCreated: 'Created', colFollowUp: 'Follow up by',
    unassigned: 'Unassigned',
    noName: '(no name)',
    overdue: 'Overdue',
    handoff: 'Wants a person',
    showing: '{n} shown',
    'status.new': 'New', 'status.contacted': 'Contacted', 'status.qualified': 'Qualified', 'status.won': 'Won', 'status.lost': 'Lost',

    overdueTitle: 'Overdue leads',
    overdueIntro: 'New leads nobody has contacted within their follow-up time (24 hours unless the flow says otherwise).',
    noOverdue: 'No overdue leads. Well done.',

    // Lead detail
    backToLeads: '← All leads',
    leadTitle: 'Lead',
    revealNotice: 'Viewing this lead is recorded in the audit log (who and when, never the data itself).',
    actions: 'Actions',
    moveTo: 'Move to',
    moveToStatus: 'Mark as {status}',
    finalStatus: 'This lead is closed ({status}).',
    claim: 'Claim this lead',
    claimed: 'The lead is yours now.',
    claimFirst: 'Claim this lead to work on it.',
    notYours: 'This lead belongs to {owner}. Only its owner and managers can work on it.',
    assignTo: 'Assign to',
    assign: 'Assign',
    queue: 'Unassigned queue',
    assigned: 'Lead assigned to {owner}.',
    backToQueue: 'Lead put back in the unassigned queue.',
    statusChanged: 'Status changed to {status}.',
    staleReloaded: 'Someone changed this lead meanwhile. It has been reloaded: check it and try again.',
    details: 'Details',
    language_: 'Language',
    source: 'Source',
    created: 'Created',
    lastActivity: 'Last activity',
    firstContact: 'First contacted',
    followUpBy: 'Follow up by',
    keptUntil: 'Kept until',
    personalData: 'Personal data',
    purpose: 'Purpose: {purpose}',
    contactHidden: 'E-mail and phone are hidden until the lead is yours: claim the lead to see them.',
    noPersonal: 'No personal data is held for this lead.',
    'field.name': 'Name', 'field.email': 'E-mail', 'field.phone': 'Phone', 'field.details': 'Details', 'field.company': 'Company',
    answers: 'Answers',
    noAnswers: 'No answers.',
    notesTitle: 'Notes and complaints',
    notesPolicy: 'Notes and complaints are kept with the lead and cannot be changed or deleted, by anyone. Complaints stay on record.',
    noNotes: 'No notes or complaints yet.',
    'kind.note': 'Note', 'kind.complaint': 'Complaint',
    kind: 'Kind',
    noteText: 'Text',
    noteHint: 'Up to 2,000 characters. Write facts; avoid personal data the lead did not give.',
    addNote: 'Add',
    noteAdded: 'Added.',
    charsLeft: '{n} characters left',
    noteEmpty: 'Write something first.',
    transcriptTitle: 'Conversation (consented part)',
    transcriptIntro: 'What was said from the moment the visitor agreed. Anything said before that is not kept.',
    noTranscript: 'No conversation is held for this lead.',
    'from.visitor': 'Visitor', 'from.bot': 'Bot',
    consentTitle: 'Consent proof',
    consentIntro: 'Each answer the visitor gave, with the exact text they were shown.',
    noConsent: 'No consent records.',
    consentPurpose: 'Purpose',
    consentDecision: 'Decision',
    consentAt: 'Recorded',
    consentFlow: 'Flow and version',
    consentLocale: 'Language',
    consentHash: 'SHA-256 of the text',
    shownText: 'Text shown to the visitor',
    'decision.granted': 'Agreed', 'decision.declined': 'Declined', 'decision.withdrawn': 'Withdrawn',

    // Team
    teamTitle: 'Team',
    teamIntro: 'Open leads per person. When someone leaves or is away, hand all their open leads to someone else in one step.',
    colUser: 'User', colRoles: 'Roles', colState: 'State', colOpen: 'Open leads', colHandover: 'Hand over all open leads to…',
    active: 'Active', disabled: 'Disabled',
    handoverTo: 'Hand over all open leads of {user} to',
    handover: 'Hand over',
    handedOver: '{n} open leads of {from} handed over to {to}.',
    nothingToHand: 'No open leads',
    you: '(you)',

    // Audit
    auditTitle: 'Audit log',
    auditIntro: 'Who revealed, changed, exported or erased what, and when. Entries are hash-chained: any change or gap breaks the chain.',
    chainOk: 'Chain verified: {n} entries, none changed or missing.',
    chainBroken: 'The audit chain is broken at entry #{at}: {reason}. Report this to your administrator and security contact now.',
    colSeq: '#', colTime: 'Time', colActor: 'Who', colAction: 'What', colTarget: 'Record', colDetails: 'Details', colRequest: 'Request',
    olderEntries: 'Load older entries',
    noEntries: 'No entries.',
    visitor: 'Visitor',
    system: 'System ({name})',
    formerUser: '(former user)',
    'action.lead.reveal': 'Viewed a lead', 'action.lead.status': 'Changed a lead’s status', 'action.lead.note': 'Added a note',
    'action.lead.claim': 'Claimed a lead', 'action.lead.assign': 'Assigned a lead', 'action.user.create': 'Created a user',
    'action.user.disable': 'Disabled a user', 'action.user.handover': 'Handed over leads', 'action.subject.export': 'Exported a data subject',
    'action.subject.erase': 'Erased a data subject', 'action.consent.withdraw': 'Visitor withdrew consent',
    'action.conversation.erase': 'Visitor erased a conversation',

    // Users
    usersTitle: 'Users',
    createUser: 'Create a user',
    role: 'Role',
    usernameHint: '3–32 characters: a–z, 0–9, dot, dash, underscore.',
    create: 'Create',
    userCreated: 'User {user} created.',
    temporaryPassword: 'Temporary password',
    temporaryPasswordNote: 'Shown only this once. Hand it to {user} in person or over a secure channel. At first sign-in they choose their own password and set up their authenticator app.',
    disable: 'Disable',
    colDisable: 'Disable (open leads go to…)',
    disableUser: 'Disable {user}; their open leads go to',
    disableConfirm: 'Disable {user}? They can no longer sign in, and their open leads are handed over.',
    userDisabledDone: '{user} is disabled; {n} open leads handed over.',

    // Privacy
    privacyTitle: 'Privacy requests',
    privacyIntro: 'When a person asks what we hold about them, or asks us to erase it: find them by the e-mail address or phone number they gave. Both actions are recorded in the audit log.',
    findBy: 'Find by',
    email: 'E-mail address',
    phone: 'Phone number',
    exportData: 'Export',
    eraseData: 'Erase…',
    subjectRequired: 'Enter an e-mail address or phone number.',
    exportTitle: 'Export',
    exportSummary: '{leads} leads, {conversations} conversations, {consents} consent records.',
    download: 'Download JSON',
    eraseConfirm: 'Erase everything held about {subject}? This cannot be undone.',
    erased: 'Erased: {conversations} conversations, {leads} leads, {items} stored items, {keys} keys.',

    // Funnel
    navFunnel: 'Funnel',
    funnelTitle: 'Funnel',
    funnelIntro: 'How visitors turn into leads and customers. Each visitor counts on the day they first opened the chat, so later steps (contact, sale) stay with the same people. New activity shows within a few seconds. No personal data is used here.',
    dateRange: 'Period',
    fromDate: 'From',
    toDate: 'To',
    quickRange: 'Quick ranges',
    lastDays: 'Last {n} days',
    allFlows: 'All flows',
    allSources: 'All sources',
    noSource: 'No campaign source',
    refresh: 'Refresh',
    rangeNote: 'Visitors who first opened the chat from {from} to {to} (days in {zone}).',
    funnelEmpty: 'No visitors in this period for these filters yet.',
    stagesTitle: 'From visit to sale',
    colStage: 'Stage', colCount: 'Count', colOverall: 'Of all visitors', colStep: 'Of the step before',
    'stage.widget_opened': 'Opened the chat', 'stage.chat_started': 'Started chatting', 'stage.consent_granted': 'Gave consent',
    'stage.lead_captured': 'Became a lead', 'stage.contacted': 'Contacted', 'stage.qualified': 'Qualified', 'stage.won': 'Won',
    chartTitle: 'Funnel from {from} to {to}',
    chartDescItem: '{stage}: {count} ({overall})',
    chartOverall: '{overall} of all',
    chartStep: '{step} of the step before',
    consentPanel: 'Consent', consentAsked: 'Asked', consentGranted: 'Agreed', consentDeclined: 'Declined', declineRate: 'Decline rate',
    leadsPanel: 'Leads', leadsCaptured: 'Captured', leadsOpen: 'Not yet converted', leadsWon: 'Won', leadsLost: 'Lost',
    contactPanel: 'Time to first contact', contactedCount: 'Contacted', contactMedian: 'Half of them within', contactP90: '9 in 10 within',
    atMost: 'at most {d}',
    overLongest: 'more than 30 days',
    dropOffTitle: 'Where visitors stop',
    dropOffIntro: 'Each step of a flow: how many conversations reached it and how many went no further. At an end step the chat is finished, so that is not a drop-off.',
    noDropOff: 'No flow steps were reached in this period.',
    colNode: 'Step', colReached: 'Reached', colStopped: 'Stopped here', colDropOff: 'Drop-off',
    endNode: 'End',
    endHint: 'The chat ends here: stopping is finishing.',
  },

  vi: {
    appName: 'Leadline',
    consoleTitle: 'Bảng điều khiển Leadline',
    language: 'Ngôn ngữ',
    signOut: 'Đăng xuất',
    signedInAs: 'Đăng nhập: {user}',
    mainNav: 'Điều hướng chính',
    skip: 'Đến nội dung chính',
    loading: 'Đang tải…',
    offline: 'Không kết nối được máy chủ. Vui lòng kiểm tra kết nối và thử lại.',
    forbiddenPage: 'Vai trò của bạn không được truy cập trang này.',
    notFoundPage: 'Không có trang này.',
    sessionEnded: 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
    tryAgain: 'Thử lại',
    close: 'Đóng',

    navLeads: 'Khách hàng', navOverdue: 'Quá hạn', navTeam: 'Nhóm', navAudit: 'Nhật ký', navUsers: 'Người dùng', navPrivacy: 'Quyền riêng tư',

    roles: 'Vai trò',
    'role.sales-rep': 'Nhân viên kinh doanh', 'role.sales-manager': 'Quản lý kinh doanh', 'role.admin': 'Quản trị viên',

    signInTitle: 'Đăng nhập bảng điều khiển Leadline',
    signInIntro: 'Dành cho đội kinh doanh. Mỗi lần đăng nhập cần mật khẩu và mã từ ứng dụng xác thực.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    signIn: 'Đăng nhập',
    continue: 'Tiếp tục',
    startOver: 'Làm lại từ đầu',
    working: 'Vui lòng đợi…',
    newPasswordTitle: 'Đặt mật khẩu của bạn',
    newPasswordIntro: 'Bạn đã đăng nhập bằng mật khẩu tạm thời. Hãy chọn mật khẩu mới chỉ mình bạn biết.',
    newPassword: 'Mật khẩu mới',
    confirmPassword: 'Nhập lại mật khẩu mới',
    passwordRule: 'Ít nhất 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký hiệu.',
    passwordsDiffer: 'Hai mật khẩu không giống nhau.',
    passwordWeak: 'Mật khẩu chưa đúng quy tắc bên dưới.',
    mfaSetupTitle: 'Cài đặt ứng dụng xác thực',
    mfaSetupIntro: 'Quét mã này bằng ứng dụng xác thực (ví dụ Google Authenticator, Microsoft Authenticator hoặc 1Password), rồi nhập mã 6 chữ số hiển thị trong ứng dụng.',
    mfaManual: 'Không quét được? Hãy nhập khóa này vào ứng dụng (theo thời gian, 6 chữ số):',
    qrLabel: 'Mã QR cho ứng dụng xác thực',
    mfaTitle: 'Nhập mã đăng nhập',
    mfaIntro: 'Mở ứng dụng xác thực và nhập mã 6 chữ số của Leadline.',
    code: 'Mã 6 chữ số',
    codeFormat: 'Mã gồm 6 chữ số.',
    verify: 'Xác nhận',
    'cognito.NotAuthorizedException': 'Sai tên đăng nhập hoặc mật khẩu.',
    'cognito.UserNotFoundException': 'Sai tên đăng nhập hoặc mật khẩu.',
    'cognito.CodeMismatchException': 'Mã không đúng hoặc đã được dùng. Hãy đợi mã tiếp theo rồi thử lại.',
    'cognito.EnableSoftwareTokenMFAException': 'Mã không đúng. Hãy đợi mã tiếp theo rồi thử lại.',
    'cognito.InvalidPasswordException': 'Mật khẩu chưa đúng quy tắc: ít nhất 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký hiệu.',
    'cognito.TooManyFailedAttemptsException': 'Bạn đã thử sai quá nhiều lần. Vui lòng đợi 15 phút rồi thử lại.',
    'cognito.TooManyRequestsException': 'Quá nhiều lần thử. Vui lòng đợi một lát rồi thử lại.',
    'cognito.LimitExceededException': 'Quá nhiều lần thử. Vui lòng đợi một lát rồi thử lại.',
    'cognito.ExpiredCodeException': 'Mã đã hết hạn. Hãy nhập mã hiện tại.',
    sessionExpired: 'Quá trình đăng nhập quá lâu nên đã hết hạn. Vui lòng bắt đầu lại.',
    userDisabled: 'Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ quản trị viên.',
    unexpectedChallenge: 'Dịch vụ đăng nhập yêu cầu một bước mà bảng điều khiển chưa hỗ trợ ({name}).',

    leadsTitle: 'Khách hàng tiềm năng',
    leadsIntro: 'Dữ liệu cá nhân được che ở đây. Mở một khách hàng để xem; việc xem được ghi vào nhật ký kiểm toán.',
    filters: 'Bộ lọc',
    status: 'Trạng thái',
    anyStatus: 'Mọi trạng thái',
    owner: 'Người phụ trách',
    ownerMineAndQueue: 'Của tôi và chưa giao',
    ownerEveryone: 'Tất cả',
    ownerMe: 'Chỉ của tôi',
    ownerUnassigned: 'Chưa giao',
    flow: 'Kịch bản',
    flowPlaceholder: 'vd. website-lead',
    createdFrom: 'Tạo từ ngày',
    createdTo: 'Đến ngày',
    apply: 'Lọc',
    reset: 'Xóa lọc',
    loadMore: 'Tải thêm',
    noLeads: 'Không có khách hàng nào khớp bộ lọc.',
    colName: 'Họ tên', colEmail: 'Email', colPhone: 'Điện thoại', colStatus: 'Trạng thái', colOwner: 'Phụ trách', colFlow: 'Kịch bản',
    colCreated: 'Ngày tạo', colFollowUp: 'Hạn liên hệ',
    unassigned: 'Chưa giao',
    noName: '(không có tên)',
    overdue: 'Quá hạn',
    handoff: 'Cần người hỗ trợ',
    showing: 'Đang hiển thị {n}',
    'status.new': 'Mới', 'status.contacted': 'Đã liên hệ', 'status.qualified': 'Đủ điều kiện', 'status.won': 'Thành công', 'status.lost': 'Không thành',

    overdueTitle: 'Khách hàng quá hạn',
    overdueIntro: 'Khách hàng mới chưa ai liên hệ trong thời hạn (24 giờ, trừ khi kịch bản quy định khác).',
    noOverdue: 'Không có khách hàng quá hạn. Tốt lắm!',

    backToLeads: '← Tất cả khách hàng',
    leadTitle: 'Khách hàng tiềm năng',
    revealNotice: 'Việc xem khách hàng này được ghi vào nhật ký kiểm toán (ai và khi nào, không bao giờ ghi dữ liệu).',
    actions: 'Thao tác',
    moveTo: 'Chuyển sang',
    moveToStatus: 'Đánh dấu: {status}',
    finalStatus: 'Khách hàng này đã đóng ({status}).',
    claim: 'Nhận khách hàng này',
    claimed: 'Khách hàng này giờ do bạn phụ trách.',
    claimFirst: 'Hãy nhận khách hàng này để xử lý.',
    notYours: 'Khách hàng này do {owner} phụ trách. Chỉ người phụ trách và quản lý được xử lý.',
    assignTo: 'Giao cho',
    assign: 'Giao',
    queue: 'Hàng chờ chưa giao',
    assigned: 'Đã giao khách hàng cho {owner}.',
    backToQueue: 'Đã đưa khách hàng về hàng chờ.',
    statusChanged: 'Đã chuyển trạng thái sang {status}.',
    staleReloaded: 'Có người vừa thay đổi khách hàng này. Dữ liệu đã được tải lại: hãy kiểm tra rồi thử lại.',
    details: 'Thông tin',
    language_: 'Ngôn ngữ',
    source: 'Nguồn',
    created: 'Ngày tạo',
    lastActivity: 'Hoạt động gần nhất',
    firstContact: 'Liên hệ lần đầu',
    followUpBy: 'Hạn liên hệ',
    keptUntil: 'Lưu đến',
    personalData: 'Dữ liệu cá nhân',
    purpose: 'Mục đích: {purpose}',
    contactHidden: 'Email và số điện thoại được ẩn cho đến khi bạn phụ trách: hãy nhận khách hàng để xem.',
    noPersonal: 'Không lưu dữ liệu cá nhân nào cho khách hàng này.',
    'field.name': 'Họ tên', 'field.email': 'Email', 'field.phone': 'Điện thoại', 'field.details': 'Chi tiết', 'field.company': 'Công ty',
    answers: 'Câu trả lời',
    noAnswers: 'Không có câu trả lời.',
    notesTitle: 'Ghi chú và khiếu nại',
    notesPolicy: 'Ghi chú và khiếu nại được lưu cùng khách hàng, không ai có thể sửa hay xóa. Khiếu nại luôn được giữ lại.',
    noNotes: 'Chưa có ghi chú hay khiếu nại.',
    'kind.note': 'Ghi chú', 'kind.complaint': 'Khiếu nại',
    kind: 'Loại',
    noteText: 'Nội dung',
    noteHint: 'Tối đa 2.000 ký tự. Ghi sự việc; tránh thêm dữ liệu cá nhân khách không cung cấp.',
    addNote: 'Thêm',
    noteAdded: 'Đã thêm.',
    charsLeft: 'Còn {n} ký tự',
    noteEmpty: 'Hãy nhập nội dung trước.',
    transcriptTitle: 'Cuộc trò chuyện (phần đã đồng ý)',
    transcriptIntro: 'Nội dung từ lúc khách đồng ý. Những gì nói trước đó không được lưu.',
    noTranscript: 'Không lưu cuộc trò chuyện nào cho khách hàng này.',
    'from.visitor': 'Khách', 'from.bot': 'Bot',
    consentTitle: 'Bằng chứng đồng ý',
    consentIntro: 'Mỗi câu trả lời của khách, kèm đúng nội dung khách đã thấy.',
    noConsent: 'Không có bản ghi đồng ý.',
    consentPurpose: 'Mục đích',
    consentDecision: 'Quyết định',
    consentAt: 'Thời điểm',
    consentFlow: 'Kịch bản và phiên bản',
    consentLocale: 'Ngôn ngữ',
    consentHash: 'SHA-256 của nội dung',
    shownText: 'Nội dung đã hiển thị cho khách',
    'decision.granted': 'Đồng ý', 'decision.declined': 'Từ chối', 'decision.withdrawn': 'Đã rút lại',

    teamTitle: 'Nhóm',
    teamIntro: 'Số khách hàng đang mở của từng người. Khi ai đó nghỉ việc hoặc vắng mặt, hãy chuyển toàn bộ khách hàng đang mở của họ cho người khác trong một bước.',
    colUser: 'Người dùng', colRoles: 'Vai trò', colState: 'Tình trạng', colOpen: 'Đang mở', colHandover: 'Bàn giao mọi khách hàng đang mở cho…',
    active: 'Hoạt động', disabled: 'Vô hiệu hóa',
    handoverTo: 'Bàn giao mọi khách hàng đang mở của {user} cho',
    handover: 'Bàn giao',
    handedOver: 'Đã bàn giao {n} khách hàng đang mở của {from} cho {to}.',
    nothingToHand: 'Không có khách hàng đang mở',
    you: '(bạn)',

    auditTitle: 'Nhật ký kiểm toán',
    auditIntro: 'Ai đã xem, thay đổi, xuất hoặc xóa gì, và khi nào. Các mục được liên kết bằng mã băm: bất kỳ thay đổi hay thiếu sót nào cũng làm đứt chuỗi.',
    chainOk: 'Chuỗi đã được xác minh: {n} mục, không mục nào bị sửa hay thiếu.',
    chainBroken: 'Chuỗi nhật ký bị đứt tại mục #{at}: {reason}. Hãy báo ngay cho quản trị viên và bộ phận an ninh.',
    colSeq: '#', colTime: 'Thời gian', colActor: 'Ai', colAction: 'Việc gì', colTarget: 'Bản ghi', colDetails: 'Chi tiết', colRequest: 'Yêu cầu',
    olderEntries: 'Tải các mục cũ hơn',
    noEntries: 'Không có mục nào.',
    visitor: 'Khách',
    system: 'Hệ thống ({name})',
    formerUser: '(người dùng cũ)',
    'action.lead.reveal': 'Xem khách hàng', 'action.lead.status': 'Đổi trạng thái', 'action.lead.note': 'Thêm ghi chú',
    'action.lead.claim': 'Nhận khách hàng', 'action.lead.assign': 'Giao khách hàng', 'action.user.create': 'Tạo người dùng',
    'action.user.disable': 'Vô hiệu hóa người dùng', 'action.user.handover': 'Bàn giao khách hàng', 'action.subject.export': 'Xuất dữ liệu cá nhân',
    'action.subject.erase': 'Xóa dữ liệu cá nhân', 'action.consent.withdraw': 'Khách rút lại đồng ý',
    'action.conversation.erase': 'Khách xóa cuộc trò chuyện',

    usersTitle: 'Người dùng',
    createUser: 'Tạo người dùng',
    role: 'Vai trò',
    usernameHint: '3–32 ký tự: a–z, 0–9, dấu chấm, gạch ngang, gạch dưới.',
    create: 'Tạo',
    userCreated: 'Đã tạo người dùng {user}.',
    temporaryPassword: 'Mật khẩu tạm thời',
    temporaryPasswordNote: 'Chỉ hiển thị một lần này. Hãy trao trực tiếp cho {user} hoặc qua kênh an toàn. Ở lần đăng nhập đầu, họ sẽ tự đặt mật khẩu và cài ứng dụng xác thực.',
    disable: 'Vô hiệu hóa',
    colDisable: 'Vô hiệu hóa (khách hàng đang mở chuyển cho…)',
    disableUser: 'Vô hiệu hóa {user}; khách hàng đang mở chuyển cho',
    disableConfirm: 'Vô hiệu hóa {user}? Họ sẽ không đăng nhập được nữa và khách hàng đang mở sẽ được bàn giao.',
    userDisabledDone: 'Đã vô hiệu hóa {user}; bàn giao {n} khách hàng đang mở.',

    privacyTitle: 'Yêu cầu quyền riêng tư',
    privacyIntro: 'Khi một người hỏi chúng ta lưu gì về họ, hoặc yêu cầu xóa: tìm theo email hoặc số điện thoại họ đã cung cấp. Cả hai thao tác đều được ghi vào nhật ký kiểm toán.',
    findBy: 'Tìm theo',
    email: 'Địa chỉ email',
    phone: 'Số điện thoại',
    exportData: 'Xuất dữ liệu',
    eraseData: 'Xóa…',
    subjectRequired: 'Hãy nhập email hoặc số điện thoại.',
    exportTitle: 'Dữ liệu đã xuất',
    exportSummary: '{leads} khách hàng, {conversations} cuộc trò chuyện, {consents} bản ghi đồng ý.',
    download: 'Tải JSON',
    eraseConfirm: 'Xóa mọi dữ liệu về {subject}? Không thể hoàn tác.',
    erased: 'Đã xóa: {conversations} cuộc trò chuyện, {leads} khách hàng, {items} mục lưu trữ, {keys} khóa.',

    navFunnel: 'Phễu bán hàng',
    funnelTitle: 'Phễu chuyển đổi',
    funnelIntro: 'Khách truy cập trở thành khách hàng tiềm năng và khách mua hàng như thế nào. Mỗi khách được tính vào ngày họ mở khung chat lần đầu, nên các bước sau (liên hệ, chốt đơn) vẫn gắn với đúng những người đó. Hoạt động mới hiển thị sau vài giây. Không dùng dữ liệu cá nhân nào ở đây.',
    dateRange: 'Khoảng thời gian',
    fromDate: 'Từ ngày',
    toDate: 'Đến ngày',
    quickRange: 'Chọn nhanh',
    lastDays: '{n} ngày qua',
    allFlows: 'Mọi kịch bản',
    allSources: 'Mọi nguồn',
    noSource: 'Không có nguồn chiến dịch',
    refresh: 'Làm mới',
    rangeNote: 'Khách mở khung chat lần đầu từ {from} đến {to} (tính theo ngày ở múi giờ {zone}).',
    funnelEmpty: 'Chưa có khách truy cập nào trong khoảng thời gian này với bộ lọc đã chọn.',
    stagesTitle: 'Từ lượt truy cập đến đơn hàng',
    colStage: 'Giai đoạn', colCount: 'Số lượng', colOverall: 'So với tổng số khách', colStep: 'So với bước trước',
    'stage.widget_opened': 'Mở khung chat', 'stage.chat_started': 'Bắt đầu trò chuyện', 'stage.consent_granted': 'Đồng ý cung cấp thông tin',
    'stage.lead_captured': 'Trở thành khách hàng tiềm năng', 'stage.contacted': 'Đã liên hệ', 'stage.qualified': 'Đủ điều kiện', 'stage.won': 'Thành công',
    chartTitle: 'Phễu chuyển đổi từ {from} đến {to}',
    chartDescItem: '{stage}: {count} ({overall})',
    chartOverall: '{overall} tổng số',
    chartStep: '{step} so với bước trước',
    consentPanel: 'Sự đồng ý', consentAsked: 'Đã hỏi', consentGranted: 'Đồng ý', consentDeclined: 'Từ chối', declineRate: 'Tỷ lệ từ chối',
    leadsPanel: 'Khách hàng tiềm năng', leadsCaptured: 'Đã thu nhận', leadsOpen: 'Chưa chuyển đổi', leadsWon: 'Thành công', leadsLost: 'Không thành',
    contactPanel: 'Thời gian đến lần liên hệ đầu', contactedCount: 'Đã liên hệ', contactMedian: 'Một nửa trong vòng', contactP90: '9/10 trong vòng',
    atMost: 'tối đa {d}',
    overLongest: 'hơn 30 ngày',
    dropOffTitle: 'Khách dừng lại ở đâu',
    dropOffIntro: 'Từng bước của kịch bản: bao nhiêu cuộc trò chuyện đến bước đó và bao nhiêu dừng lại ở đó. Ở bước kết thúc, cuộc trò chuyện đã hoàn tất nên không tính là bỏ dở.',
    noDropOff: 'Không có bước nào của kịch bản được đi qua trong khoảng thời gian này.',
    colNode: 'Bước', colReached: 'Đã đến', colStopped: 'Dừng ở đây', colDropOff: 'Tỷ lệ bỏ dở',
    endNode: 'Kết thúc',
    endHint: 'Cuộc trò chuyện kết thúc ở đây: dừng lại là đã hoàn tất.',
  },
};

export const LANGUAGES = [['en', 'English'], ['vi', 'Tiếng Việt']];
const STORAGE_KEY = 'leadline.console.lang';
const INTL = { en: 'en-GB', vi: 'vi-VN' };

let current = initial();

function initial() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && STRINGS[saved]) { return saved; }
  } catch (e) { /* storage blocked: use the browser's language */ }
  return String(navigator.language || 'en').toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

export function lang() {
  return current;
}

export function setLang(code) {
  if (!STRINGS[code]) { return; }
  current = code;
  try { localStorage.setItem(STORAGE_KEY, code); } catch (e) { /* not remembered */ }
  document.documentElement.lang = code;
}

/** The text for key in the current language, with {name} placeholders filled in (as text). */
export function t(key, params) {
  let s = STRINGS[current][key];
  if (s === undefined) { s = STRINGS.en[key]; }
  if (s === undefined) { return key; }
  if (params) {
    s = s.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
  }
  return s;
}

/** The translation if there is one, else the fallback (for codes from the server: statuses, actions…). */
export function tOr(key, fallback) {
  return STRINGS[current][key] ?? STRINGS.en[key] ?? fallback;
}

export function formatDateTime(iso) {
  if (!iso) { return ''; }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) { return String(iso); }
  return new Intl.DateTimeFormat(INTL[current], { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(iso) {
  if (!iso) { return ''; }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) { return String(iso); }
  return new Intl.DateTimeFormat(INTL[current], { dateStyle: 'medium' }).format(d);
}

export function formatNumber(n) {
  return new Intl.NumberFormat(INTL[current]).format(n);
}

/** A fraction as a percentage: 0.8333 → "83.3%" (en) or "83,3%" (vi). */
export function formatPercent(fraction) {
  return new Intl.NumberFormat(INTL[current], { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

/** A calendar day (YYYY-MM-DD) as a date, whatever the browser's time zone. */
export function formatDay(day) {
  const d = new Date(day + 'T00:00:00Z');
  if (Number.isNaN(d.getTime())) { return String(day); }
  return new Intl.DateTimeFormat(INTL[current], { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** Minutes in the largest whole unit: 30 → "30 minutes", 120 → "2 hours", 10080 → "7 days". */
export function formatDuration(minutes) {
  const [unit, n] = minutes % 1440 === 0 ? ['day', minutes / 1440]
    : minutes % 60 === 0 ? ['hour', minutes / 60] : ['minute', minutes];
  return new Intl.NumberFormat(INTL[current], { style: 'unit', unit, unitDisplay: 'long' }).format(n);
}
