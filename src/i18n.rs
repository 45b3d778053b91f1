//! The panel's words in Simplified Chinese, Traditional Chinese and English. Reply packs carry
//! their own language; this is only the interface.

use crate::assistant::FlowStep;
use crate::intent::{BuyerType, Intent, Sentiment};
use crate::reply::BargainStage;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    ZhHans,
    ZhHant,
    En,
}

impl Lang {
    /// From a BCP 47 tag such as `navigator.language`: zh-TW, zh-HK, zh-MO and zh-Hant are
    /// Traditional, other zh Simplified, anything else English.
    pub fn from_tag(tag: &str) -> Lang {
        let tag = tag.to_ascii_lowercase();
        if !tag.starts_with("zh") {
            Lang::En
        } else if ["hant", "-tw", "-hk", "-mo"].iter().any(|t| tag.contains(t)) {
            Lang::ZhHant
        } else {
            Lang::ZhHans
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    fn pick(self, hans: &'static str, hant: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::ZhHans => hans,
            Lang::ZhHant => hant,
            Lang::En => en,
        }
    }
}

/// Fixed interface strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    Title,
    Waiting,
    NoChat,
    Replies,
    InsertHint,
    NoSuggestion,
    PinReply,
    HideReply,
    CheckSuggestion,
    NotReplacedDraftChanged,
    Unsure,
    Guessing,
    Guess,
    StartGuide,
    Picks,
    Promotions,
    NoPromotions,
    Notes,
    NotesPlaceholder,
    NotesSaved,
    NotesNotSaved,
    Inserted,
    NotInsertedSwitched,
    NotInsertedNoInput,
    NotInsertedHidden,
    NotInsertedCovered,
    NotInsertedFolded,
    Copied,
    CopiedCheckBox,
    NotCopied,
    UnlinkedCopied,
    PageHidesPanel,
    PageCoversPanel,
    NotPaired,
    ViewingOther,
    OpenChat,
    Round,
    Confidence,
    StorageLocal,
    StorageExtension,
    StorageMemory,
    Flow,
    FollowUpNow,
    FollowUpAt,
    Guide,
    Found,
    Save,
    ConfirmPersonal,
    Promises,
    FollowUps,
    PromisePlaceholder,
    RecordPromise,
    RemindTomorrow,
    MarkDone,
    OptionsTitle,
    ShopData,
    ShopDemo,
    ShopImported,
    ShopSummary,
    ShopHelp,
    ShopImport,
    ShopReset,
    ShopChooseAll,
    ShopSaved,
    ShopReload,
    NotesSummary,
    NotesExport,
    NotesImport,
    NotesPersonalWarning,
    NotesImported,
    NotesExportSkipped,
    MessagesDropped,
    Settings,
    Forget,
    HealthOk,
    HealthLast,
    HealthNoChat,
    HealthNoList,
    HealthNoReplyBox,
    HealthUnsureWho,
    PickChat,
    DraftCheck,
    CheckAbsolute,
    CheckEfficacy,
    CheckOffPlatform,
    CheckReviewBribe,
    CheckPersonalData,
    CheckPromise,
    CheckRude,
    CheckUrgency,
    CheckDelete,
    CheckRewriteTo,
    ResetOrder,
    Phrases,
    PhrasesHelp,
    PhrasesImport,
    PhrasesExport,
    PhrasesExportJson,
    PhrasesSummary,
    PhrasesRefused,
    PhrasesLine,
    PhrasesImported,
    PhraseSearch,
    PhrasesList,
    PhrasesEmpty,
    PhraseGroup,
    PhraseCode,
    PhraseText,
    PhraseAdd,
    PhraseAdded,
    PhraseEdit,
    PhraseSaved,
    PhraseCancel,
    PhraseDelete,
    PhraseDeleteConfirm,
    PhraseDeleted,
    PhraseUp,
    PhraseDown,
    PhraseMoved,
    PhraseUses,
    PhraseNoGroup,
    GroupRename,
    GroupRenamed,
    OwnWords,
    OwnWordsHelp,
    OwnWordsSummary,
    OwnWord,
    OwnWordCategory,
    OwnWordSeverity,
    OwnWordReplacement,
    OwnWordAdd,
    OwnWordAdded,
    OwnWordDelete,
    OwnWordDeleted,
    OwnWordsImport,
    OwnWordsExport,
    OwnWordsImported,
    SeverityBlock,
    SeverityWarn,
    SeverityHint,
    CheckWordsProblem,
    HintFull,
    HintDenied,
    HintCorrupt,
    RetentionLabel,
    RetentionDays,
    RetentionHelp,
    RetentionBad,
    RetentionSaved,
    FindBuyer,
    Find,
    MoreBuyers,
    DeleteAllNotes,
    DeleteAllNotesConfirm,
    NotesDeleted,
    HistoryCount,
    Pin,
    PinTitle,
    DeleteNotes,
    DeleteNotesConfirm,
    ChooseFile,
    Failed,
}

pub fn ui(lang: Lang, key: Ui) -> &'static str {
    use Ui::*;
    match key {
        Title => lang.pick("客服助手", "客服助手", "Kefu Assist"),
        Waiting => lang.pick("等待买家消息…", "等待買家訊息…", "Waiting for a buyer message…"),
        NoChat => lang.pick("打开一个买家聊天即可开始", "打開一個買家聊天即可開始", "Open a buyer's chat to start"),
        Replies => lang.pick("建议回复", "建議回覆", "Suggested replies"),
        InsertHint => lang.pick("点击或按 Enter 插入到输入框,不会自动发送", "點擊或按 Enter 插入到輸入框,不會自動送出", "Click or press Enter to insert at the cursor; nothing is sent"),
        NotReplacedDraftChanged => lang.pick("未替换:输入框里的文字已被改动,请自己检查", "未取代:輸入框裡的文字已被改動,請自行檢查", "Not replaced: the text in the reply box was edited; please check it"),
        CheckSuggestion => lang.pick("插入前请注意:", "插入前請注意:", "Check before inserting:"),
        PinReply => lang.pick("置顶", "置頂", "Pin"),
        HideReply => lang.pick("不再显示", "不再顯示", "Hide"),
        NoSuggestion => lang.pick("现在没有可插入的建议", "現在沒有可插入的建議", "No suggestion to insert now"),
        Unsure => lang.pick("没太看懂这句,先读一下买家原话吧", "沒太看懂這句,先讀一下買家原話吧", "Not sure what the buyer means: read the message first"),
        Guessing => lang.pick("没把握:可能是下面两种之一,先读买家原话再选", "沒把握:可能是下面兩種之一,先讀買家原話再選", "Not sure: maybe one of these two. Read the buyer's message, then pick"),
        Guess => lang.pick("猜测", "猜測", "Guess"),
        StartGuide => lang.pick("按这个开始指引", "按這個開始指引", "Start this guide"),
        Picks => lang.pick("搭配推荐", "搭配推薦", "Goes well with"),
        Promotions => lang.pick("正在进行的活动", "進行中的活動", "Promotions now"),
        NoPromotions => lang.pick("暂无适用活动", "暫無適用活動", "No promotion applies"),
        Notes => lang.pick("买家备注", "買家備註", "Buyer notes"),
        NotesPlaceholder => lang.pick("尺码、喜好、承诺过的事…只存在本机", "尺碼、喜好、承諾過的事…只存在本機", "Size, preferences, promises… kept on this computer only"),
        NotesSaved => lang.pick("已保存", "已儲存", "Saved"),
        NotesNotSaved => lang.pick("备注未保存", "備註未儲存", "Notes not saved"),
        Inserted => lang.pick("已插入输入框,确认后再发送", "已插入輸入框,確認後再送出", "Inserted; check it, then send"),
        NotInsertedSwitched => lang.pick("未插入:聊天已切换到另一位买家", "未插入:聊天已切換到另一位買家", "Not inserted: the open chat is another buyer's"),
        NotInsertedNoInput => lang.pick("未插入:找不到输入框", "未插入:找不到輸入框", "Not inserted: no reply box found"),
        NotInsertedHidden => lang.pick("未插入:页面隐藏了助手面板", "未插入:頁面隱藏了助手面板", "Not inserted: the page is hiding the assistant"),
        NotInsertedCovered => lang.pick("未插入:助手面板被页面遮挡", "未插入:助手面板被頁面遮擋", "Not inserted: the page is covering the assistant"),
        NotInsertedFolded => lang.pick("未插入:助手面板已收起", "未插入:助手面板已收起", "Not inserted: the assistant is folded away"),
        Copied => lang.pick(
            "输入框不接受插入,回复已复制好了,按 Ctrl+V 粘贴",
            "輸入框不接受插入,回覆已複製好了,按 Ctrl+V 貼上",
            "The reply box refused the text; the reply is copied: press Ctrl+V to paste",
        ),
        CopiedCheckBox => lang.pick(
            "输入框没有完整收下回复,请检查输入框;回复已复制,可按 Ctrl+V 粘贴",
            "輸入框沒有完整收下回覆,請檢查輸入框;回覆已複製,可按 Ctrl+V 貼上",
            "The reply box did not take the whole reply: check it. The reply is copied: Ctrl+V pastes it",
        ),
        NotCopied => lang.pick(
            "输入框不接受插入,复制也失败了:请手动选中回复复制",
            "輸入框不接受插入,複製也失敗了:請手動選取回覆複製",
            "The reply box refused the text and copying failed: select the reply and copy it by hand",
        ),
        UnlinkedCopied => lang.pick(
            "未连接到聊天页面,回复已复制,按 Ctrl+V 粘贴",
            "未連接到聊天頁面,回覆已複製,按 Ctrl+V 貼上",
            "Not linked to the chat page: the reply is copied, press Ctrl+V to paste",
        ),
        PageHidesPanel => lang.pick("页面隐藏了助手面板,已暂停插入", "頁面隱藏了助手面板,已暫停插入", "The page is hiding the assistant: inserting is paused"),
        PageCoversPanel => lang.pick("助手面板被页面遮挡,已暂停插入", "助手面板被頁面遮擋,已暫停插入", "The page is covering the assistant: inserting is paused"),
        NotPaired => lang.pick(
            "此面板没有连接到聊天页面(不是本扩展打开的)",
            "此面板沒有連接到聊天頁面(不是本擴充功能開啟的)",
            "This panel is not linked to a chat page (the extension did not open it)",
        ),
        ViewingOther => lang.pick("这是另一位买家的建议,不是当前打开的聊天", "這是另一位買家的建議,不是目前打開的聊天", "These are another buyer's suggestions, not the open chat's"),
        OpenChat => lang.pick("当前聊天", "目前聊天", "open chat"),
        Round => lang.pick("议价第{n}轮", "議價第{n}輪", "bargaining round {n}"),
        Confidence => lang.pick("把握", "把握", "confidence"),
        StorageLocal => lang.pick("备注存于本机扩展存储", "備註存於本機擴充存儲", "Notes kept in the extension's local storage"),
        StorageExtension => lang.pick("备注存于本机扩展存储(storage.local)", "備註存於本機擴充存儲(storage.local)", "Notes kept in the extension's storage.local"),
        StorageMemory => lang.pick("浏览器禁止存储:备注关闭页面后不会保留", "瀏覽器禁止存儲:備註關閉頁面後不會保留", "Storage is blocked: notes will not survive a reload"),
        Flow => lang.pick("服务流程", "服務流程", "Service step"),
        FollowUpNow => lang.pick("该跟进了:买家问过商品还没下单", "該跟進了:買家問過商品還沒下單", "Time to follow up: the buyer asked about an item and has not ordered"),
        FollowUpAt => lang.pick("未下单将于 {time} 提醒跟进", "未下單將於 {time} 提醒跟進", "Follow-up reminder at {time} if no order"),
        Guide => lang.pick("售后指引", "售後指引", "After-sale guide"),
        Found => lang.pick("消息里提到,可存入备注:", "訊息裡提到,可存入備註:", "Mentioned in the chat, save to notes:"),
        Save => lang.pick("保存", "儲存", "Save"),
        ConfirmPersonal => lang.pick("个人信息,再点一次确认保存", "個人資料,再點一次確認儲存", "Personal data: click again to confirm"),
        Promises => lang.pick("答应过", "答應過", "Promised"),
        FollowUps => lang.pick("待跟进", "待跟進", "To follow up"),
        PromisePlaceholder => lang.pick("答应买家的事,如:退差价30元、送角阀", "答應買家的事,如:退差價30元、送角閥", "What you promised, e.g. refund the 30 yuan difference"),
        RecordPromise => lang.pick("记下承诺", "記下承諾", "Record promise"),
        RemindTomorrow => lang.pick("明天提醒跟进", "明天提醒跟進", "Remind me tomorrow"),
        MarkDone => lang.pick("点一下标为已办", "點一下標為已辦", "click when done"),
        OptionsTitle => lang.pick("客服助手 · 设置", "客服助手 · 設定", "Kefu Assist · Settings"),
        ShopData => lang.pick("店铺数据", "店鋪資料", "Shop data"),
        ShopDemo => lang.pick("演示店铺", "示範店鋪", "demo shop"),
        ShopImported => lang.pick("已导入", "已匯入", "imported"),
        ShopSummary => lang.pick("{shop}({source}):{items} 件商品,{active} 个活动正在进行", "{shop}({source}):{items} 件商品,{active} 個活動進行中", "{shop} ({source}): {items} items, {active} promotions running"),
        ShopHelp => lang.pick("选择 catalog.json、promotions.json 和 settings.json 三个文件一起导入;有错误时什么都不会改", "選擇 catalog.json、promotions.json 和 settings.json 三個檔案一起匯入;有錯誤時什麼都不會改", "Choose catalog.json, promotions.json and settings.json and import them together; if anything is wrong, nothing changes"),
        ShopImport => lang.pick("导入店铺数据", "匯入店鋪資料", "Import shop data"),
        ShopReset => lang.pick("恢复演示店铺", "恢復示範店鋪", "Back to the demo shop"),
        ShopChooseAll => lang.pick("请先选好三个文件", "請先選好三個檔案", "Choose all three files first"),
        ShopSaved => lang.pick("已保存", "已儲存", "Saved"),
        ShopReload => lang.pick("重新打开聊天页面后生效", "重新打開聊天頁面後生效", "Takes effect when the chat page is reloaded"),
        NotesSummary => lang.pick("共 {n} 位买家有备注", "共 {n} 位買家有備註", "{n} buyers have notes"),
        NotesExport => lang.pick("导出全部备注", "匯出全部備註", "Export all notes"),
        NotesImport => lang.pick("导入备注", "匯入備註", "Import notes"),
        NotesPersonalWarning => lang.pick("导出文件可能含手机号、地址等个人信息,请妥善保管,不要发给他人", "匯出檔案可能含手機號碼、地址等個人資料,請妥善保管,不要傳給他人", "The export may hold phone numbers and addresses: keep it safe and never share it"),
        NotesImported => lang.pick("导入完成:新增 {added},替换 {replaced},未变 {unchanged}", "匯入完成:新增 {added},取代 {replaced},未變 {unchanged}", "Imported: {added} added, {replaced} replaced, {unchanged} unchanged"),
        Settings => lang.pick("设置", "設定", "Settings"),
        Forget => lang.pick("删除这一项", "刪除這一項", "Delete this"),
        HealthOk => lang.pick("页面已识别:读到 {n} 条消息{last}", "頁面已辨識:讀到 {n} 則訊息{last}", "Page understood: {n} messages read{last}"),
        HealthLast => lang.pick(",最新一条 {time}", ",最新一則 {time}", ", the newest at {time}"),
        HealthNoChat => lang.pick("还没认出打开的聊天:请点开一位买家的对话", "還沒認出開啟的聊天:請點開一位買家的對話", "No open chat found yet: open a buyer's conversation"),
        HealthNoList => lang.pick("找不到消息列表:新消息可能读不到", "找不到訊息列表:新訊息可能讀不到", "The message list is not found: new messages may be missed"),
        HealthUnsureWho => lang.pick("分不清哪些是买家的消息", "分不清哪些是買家的訊息", "Cannot tell the buyer's messages from yours"),
        PickChat => lang.pick("指认聊天", "指認聊天", "Show it the chat"),
        DraftCheck => lang.pick("草稿检查", "草稿檢查", "Draft check"),
        CheckAbsolute => lang.pick("绝对化用语", "絕對化用語", "Absolute claim"),
        CheckEfficacy => lang.pick("功效或医疗宣称", "功效或醫療宣稱", "Efficacy or medical claim"),
        CheckOffPlatform => lang.pick("站外联系或付款", "站外聯繫或付款", "Off-platform contact or payment"),
        CheckReviewBribe => lang.pick("好评返利", "好評返利", "Reward for a review"),
        CheckPersonalData => lang.pick("他人个人信息", "他人個人資訊", "Another buyer's personal data"),
        CheckPromise => lang.pick("做不到的承诺", "做不到的承諾", "A promise the shop can't keep"),
        CheckRude => lang.pick("语气生硬", "語氣生硬", "Rude or dismissive"),
        CheckUrgency => lang.pick("虚假紧迫", "虛假緊迫", "Fake urgency"),
        CheckDelete => lang.pick("删去", "刪去", "Delete it"),
        Phrases => lang.pick("快捷短语", "快捷短語", "Quick phrases"),
        PhrasesHelp => lang.pick("导入工作台导出的 CSV（分组,编码,内容）或本插件的 JSON；文件有任何一行出错就整份不导入。面板里按内容、全拼、首字母或 /编码 搜索。", "匯入工作台匯出的 CSV（分組,編碼,內容）或本外掛的 JSON；檔案有任何一行出錯就整份不匯入。面板裡按內容、全拼、首字母或 /編碼 搜尋。", "Import the CSV your workbench exports (group, code, text) or our JSON; a file with any bad line is not imported at all. In the panel, search by text, full pinyin, initials or /code."),
        PhrasesImport => lang.pick("导入快捷短语", "匯入快捷短語", "Import quick phrases"),
        PhrasesExport => lang.pick("导出快捷短语（CSV）", "匯出快捷短語（CSV）", "Export quick phrases (CSV)"),
        PhrasesExportJson => lang.pick("导出快捷短语（JSON，含使用次数）", "匯出快捷短語（JSON，含使用次數）", "Export quick phrases (JSON, with use counts)"),
        PhrasesSummary => lang.pick("共 {n} 条快捷短语", "共 {n} 則快捷短語", "{n} quick phrases"),
        PhrasesRefused => lang.pick("没有导入任何短语：", "沒有匯入任何短語：", "Nothing imported:"),
        PhrasesLine => lang.pick("第 {line} 行：{why}", "第 {line} 行：{why}", "line {line}: {why}"),
        PhrasesImported => lang.pick("已导入 {n} 条快捷短语", "已匯入 {n} 則快捷短語", "{n} quick phrases imported"),
        PhraseSearch => lang.pick("搜快捷短语：内容、拼音、首字母或 /编码", "搜快捷短語：內容、拼音、首字母或 /編碼", "Quick phrases: text, pinyin, initials or /code"),
        PhrasesList => lang.pick("短语列表", "短語列表", "Your phrases"),
        PhrasesEmpty => lang.pick("还没有快捷短语：在上面添加，或导入文件", "還沒有快捷短語：在上面新增，或匯入檔案", "No quick phrases yet: add one above, or import a file"),
        PhraseGroup => lang.pick("分组", "分組", "Group"),
        PhraseCode => lang.pick("编码（如 fh）", "編碼（如 fh）", "Code (e.g. fh)"),
        PhraseText => lang.pick("短语内容", "短語內容", "Phrase text"),
        PhraseAdd => lang.pick("添加短语", "新增短語", "Add phrase"),
        PhraseAdded => lang.pick("已添加并保存", "已新增並儲存", "Added and saved"),
        PhraseEdit => lang.pick("编辑", "編輯", "Edit"),
        PhraseSaved => lang.pick("已保存", "已儲存", "Saved"),
        PhraseCancel => lang.pick("取消", "取消", "Cancel"),
        PhraseDelete => lang.pick("删除", "刪除", "Delete"),
        PhraseDeleteConfirm => lang.pick("再点一次删除", "再點一次刪除", "Click again to delete"),
        PhraseDeleted => lang.pick("已删除", "已刪除", "Deleted"),
        PhraseUp => lang.pick("上移", "上移", "Move up"),
        PhraseDown => lang.pick("下移", "下移", "Move down"),
        PhraseMoved => lang.pick("顺序已保存", "順序已儲存", "Order saved"),
        PhraseUses => lang.pick("用过 {n} 次", "用過 {n} 次", "used {n}×"),
        PhraseNoGroup => lang.pick("未分组", "未分組", "No group"),
        GroupRename => lang.pick("改分组名", "改分組名", "Rename group"),
        GroupRenamed => lang.pick("分组已改名（{n} 条）", "分組已改名（{n} 則）", "Group renamed ({n} phrases)"),
        OwnWords => lang.pick("本店检查词", "本店檢查詞", "The shop's own words"),
        OwnWordsHelp => lang.pick("草稿检查除了内置规则，也会找这些词（如站外群名、竞品名）。每个词选一个类别和程度，可填替换词。", "草稿檢查除了內建規則，也會找這些詞（如站外群名、競品名）。每個詞選一個類別和程度，可填替換詞。", "Besides its built-in rules, the draft check finds these words (an off-platform group's name, a rival's). Give each a category and a severity, and a replacement if you like."),
        OwnWordsSummary => lang.pick("共 {n} 个本店词", "共 {n} 個本店詞", "{n} words of the shop's own"),
        OwnWord => lang.pick("词语", "詞語", "Word"),
        OwnWordCategory => lang.pick("类别", "類別", "Category"),
        OwnWordSeverity => lang.pick("程度", "程度", "Severity"),
        OwnWordReplacement => lang.pick("替换为（可空）", "替換為（可空）", "Replace with (optional)"),
        OwnWordAdd => lang.pick("添加词语", "新增詞語", "Add word"),
        OwnWordAdded => lang.pick("已添加并保存：{word}", "已新增並儲存：{word}", "Added and saved: {word}"),
        OwnWordDelete => lang.pick("删除", "刪除", "Delete"),
        OwnWordDeleted => lang.pick("已删除：{word}", "已刪除：{word}", "Deleted: {word}"),
        OwnWordsImport => lang.pick("导入词语文件", "匯入詞語檔案", "Import a words file"),
        OwnWordsExport => lang.pick("导出词语", "匯出詞語", "Export the words"),
        OwnWordsImported => lang.pick("已导入：新增 {added} 个，更新 {changed} 个", "已匯入：新增 {added} 個，更新 {changed} 個", "Imported: {added} added, {changed} changed"),
        SeverityBlock => lang.pick("禁止发送", "禁止送出", "Block"),
        SeverityWarn => lang.pick("建议修改", "建議修改", "Warn"),
        SeverityHint => lang.pick("提示", "提示", "Hint"),
        CheckWordsProblem => lang.pick("本店检查词未生效", "本店檢查詞未生效", "The shop's own words are not checked"),
        ResetOrder => lang.pick("恢复默认排序", "恢復預設排序", "Default order"),
        CheckRewriteTo => lang.pick("改为：{text}", "改為：{text}", "Change to: {text}"),
        HealthNoReplyBox => lang.pick("找不到回复框:回复会改为复制到剪贴板", "找不到回覆框:回覆會改為複製到剪貼簿", "The reply box is not found: replies will be copied to the clipboard instead"),
        HintFull => lang.pick("存储空间已满:请在设置里导出备份,再删除不需要的笔记", "儲存空間已滿:請在設定裡匯出備份,再刪除不需要的筆記", "Storage is full: export a backup in Settings, then delete notes you no longer need"),
        HintDenied => lang.pick("浏览器禁止了存储:请在浏览器设置里允许本扩展保存数据", "瀏覽器禁止了儲存:請在瀏覽器設定裡允許本擴充功能儲存資料", "The browser refuses storage: allow this extension to store data in the browser's settings"),
        HintCorrupt => lang.pick("这位买家的笔记无法读取,未做改动:可在设置里查看并删除", "這位買家的筆記無法讀取,未做改動:可在設定裡查看並刪除", "These notes cannot be read and were left as they are: see or delete them in Settings"),
        RetentionLabel => lang.pick("笔记保存", "筆記保存", "Keep notes for"),
        RetentionDays => lang.pick("天(未再联系的买家到期删除,已保留的除外)", "天(未再聯繫的買家到期刪除,已保留的除外)", "days (buyers not heard from since are deleted, kept ones excepted)"),
        RetentionHelp => lang.pick("默认 180 天。笔记只存在这台电脑的浏览器里;要长期保存请定期导出备份。", "預設 180 天。筆記只存在這台電腦的瀏覽器裡;要長期保存請定期匯出備份。", "180 days unless you change it. Notes live only in this computer's browser: export a backup now and then to keep them."),
        RetentionBad => lang.pick("请填 1 到 3650 之间的天数", "請填 1 到 3650 之間的天數", "Enter a number of days from 1 to 3650"),
        RetentionSaved => lang.pick("保存期限已更新", "保存期限已更新", "Retention saved"),
        FindBuyer => lang.pick("按买家名称查找", "按買家名稱查找", "Find a buyer by name"),
        Find => lang.pick("查找", "查找", "Find"),
        MoreBuyers => lang.pick("还有 {n} 位,请输入名称查找", "還有 {n} 位,請輸入名稱查找", "{n} more: type a name to narrow the list"),
        DeleteAllNotes => lang.pick("删除全部笔记", "刪除全部筆記", "Delete all notes"),
        DeleteAllNotesConfirm => lang.pick("再点一次,删除所有买家的全部笔记(无法恢复,除非有备份)", "再點一次,刪除所有買家的全部筆記(無法復原,除非有備份)", "Click again to delete every buyer's notes (gone for good unless you have a backup)"),
        NotesDeleted => lang.pick("已删除 {n} 位买家的笔记", "已刪除 {n} 位買家的筆記", "Deleted the notes of {n} buyers"),
        HistoryCount => lang.pick("咨询记录 {n} 条", "諮詢紀錄 {n} 筆", "{n} past questions"),
        Pin => lang.pick("保留", "保留", "Keep"),
        PinTitle => lang.pick("保留这位买家的笔记,不随保存期限删除", "保留這位買家的筆記,不隨保存期限刪除", "Keep this buyer's notes past the retention period"),
        DeleteNotes => lang.pick("删除笔记", "刪除筆記", "Delete notes"),
        DeleteNotesConfirm => lang.pick("再点一次,删除这位买家的全部笔记", "再點一次,刪除這位買家的全部筆記", "Click again to delete all of this buyer's notes"),
        MessagesDropped => lang.pick(
            "已忽略页面上 {n} 处无法识别的数据(最近一处:{why}),面板其余功能正常",
            "已忽略頁面上 {n} 處無法辨識的資料(最近一處:{why}),面板其餘功能正常",
            "Ignored {n} things from the page that could not be read (last: {why}); the rest of the panel works",
        ),
        NotesExportSkipped => lang.pick(
            "已导出,但有 {n} 条笔记无法导出(导入时会被拒绝),备份不完整:{list}",
            "已匯出,但有 {n} 筆筆記無法匯出(匯入時會被拒絕),備份不完整:{list}",
            "Exported, but {n} entries could not be (an import would refuse them); this backup is not whole: {list}",
        ),
        ChooseFile => lang.pick("请先选择文件", "請先選擇檔案", "Choose a file first"),
        Failed => lang.pick("未完成", "未完成", "Not done"),
    }
}

/// A draft-check category's name.
pub fn check_category(lang: Lang, c: crate::check::Category) -> &'static str {
    use crate::check::Category;
    ui(lang, match c {
        Category::Absolute => Ui::CheckAbsolute,
        Category::Efficacy => Ui::CheckEfficacy,
        Category::OffPlatform => Ui::CheckOffPlatform,
        Category::ReviewBribe => Ui::CheckReviewBribe,
        Category::PersonalData => Ui::CheckPersonalData,
        Category::Promise => Ui::CheckPromise,
        Category::Rude => Ui::CheckRude,
        Category::Urgency => Ui::CheckUrgency,
    })
}

pub fn intent(lang: Lang, i: Intent) -> &'static str {
    use Intent::*;
    match i {
        Greeting => lang.pick("问候", "問候", "Greeting"),
        ProductInfo => lang.pick("商品咨询", "商品諮詢", "Product question"),
        SizeAdvice => lang.pick("尺码/规格推荐", "尺碼/規格推薦", "Size advice"),
        Stock => lang.pick("库存", "庫存", "Stock"),
        Authenticity => lang.pick("正品/质保", "正品/質保", "Authenticity"),
        Compare => lang.pick("对比/帮选", "對比/幫選", "Compare"),
        Bargain => lang.pick("议价", "議價", "Bargaining"),
        Promotion => lang.pick("活动/优惠", "活動/優惠", "Promotions"),
        ShippingFee => lang.pick("运费", "運費", "Shipping fee"),
        DeliveryTime => lang.pick("发货/到货时间", "發貨/到貨時間", "Delivery time"),
        Courier => lang.pick("快递选择", "快遞選擇", "Courier"),
        Invoice => lang.pick("发票", "發票", "Invoice"),
        OrderChange => lang.pick("改单", "改單", "Order change"),
        Payment => lang.pick("付款", "付款", "Payment"),
        OrderPlaced => lang.pick("已下单", "已下單", "Order placed"),
        Cancel => lang.pick("取消订单", "取消訂單", "Cancel order"),
        PriceProtection => lang.pick("价保/补差", "價保/補差", "Price protection"),
        Logistics => lang.pick("物流", "物流", "Logistics"),
        Damaged => lang.pick("破损", "破損", "Damaged"),
        MissingWrong => lang.pick("少件/错发", "少件/錯發", "Missing or wrong item"),
        Quality => lang.pick("质量问题", "品質問題", "Quality problem"),
        ReturnExchange => lang.pick("退换货", "退換貨", "Return or exchange"),
        Refund => lang.pick("退款", "退款", "Refund"),
        Usage => lang.pick("使用/安装", "使用/安裝", "Use and installation"),
        Warranty => lang.pick("保修/维修", "保固/維修", "Warranty and repair"),
        Complaint => lang.pick("投诉", "投訴", "Complaint"),
        Review => lang.pick("评价", "評價", "Review"),
        Human => lang.pick("转人工", "轉人工", "Wants a person"),
        ThanksBye => lang.pick("感谢/告别", "感謝/告別", "Thanks and bye"),
        Ack => lang.pick("确认/附和", "確認/附和", "Acknowledgement"),
        Other => lang.pick("其他", "其他", "Other"),
    }
}

pub fn fact(lang: Lang, f: crate::notes::FactField) -> &'static str {
    use crate::notes::FactField::*;
    match f {
        Height => lang.pick("身高", "身高", "height"),
        Weight => lang.pick("体重", "體重", "weight"),
        Size => lang.pick("尺码", "尺碼", "size"),
        Phone => lang.pick("电话", "電話", "phone"),
        Address => lang.pick("地址", "地址", "address"),
    }
}

pub fn flow_step(lang: Lang, s: FlowStep) -> &'static str {
    use FlowStep::*;
    match s {
        Greet => lang.pick("热情招呼", "熱情招呼", "greet"),
        Ask => lang.pick("礼貌询问", "禮貌詢問", "ask"),
        Recommend => lang.pick("准确推荐", "準確推薦", "recommend"),
        Negotiate => lang.pick("商议价格", "商議價格", "negotiate"),
        VerifyOrder => lang.pick("核实订单", "核實訂單", "verify the order"),
        Farewell => lang.pick("礼貌道别", "禮貌道別", "farewell"),
        FollowUp => lang.pick("积极跟进", "積極跟進", "follow up"),
        AfterSale => lang.pick("处理售后", "處理售後", "after-sale"),
        Record => lang.pick("整理数据", "整理數據", "record"),
    }
}

pub fn sentiment(lang: Lang, s: Sentiment) -> &'static str {
    match s {
        Sentiment::Calm => lang.pick("平静", "平靜", "calm"),
        Sentiment::Anxious => lang.pick("着急", "著急", "anxious"),
        Sentiment::Angry => lang.pick("生气", "生氣", "angry"),
    }
}

pub fn buyer_type(lang: Lang, t: BuyerType) -> &'static str {
    use BuyerType::*;
    match t {
        Decisive => lang.pick("果断型", "果斷型", "decisive"),
        Ultimatum => lang.pick("威逼利诱型", "威逼利誘型", "ultimatum"),
        Sympathy => lang.pick("博取同情型", "博取同情型", "sympathy"),
        Excuse => lang.pick("借口型", "藉口型", "excuse"),
        Promise => lang.pick("允诺型", "允諾型", "promise"),
        Comparison => lang.pick("对比型", "對比型", "comparison"),
        Regular => lang.pick("熟客型", "熟客型", "regular"),
    }
}

pub fn stage(lang: Lang, s: BargainStage) -> &'static str {
    match s {
        BargainStage::First => lang.pick("首次回应", "首次回應", "first answer"),
        BargainStage::Insist => lang.pick("买家坚持", "買家堅持", "buyer insists"),
        BargainStage::Closing => lang.pick("促成交", "促成交", "closing push"),
        BargainStage::Exit => lang.pick("体面收尾", "體面收尾", "graceful exit"),
    }
}

/// "Goes with X" / "Reaches the 满减".
pub fn goes_with(lang: Lang, item: &str) -> String {
    match lang {
        Lang::ZhHans => format!("与「{item}」搭配"),
        Lang::ZhHant => format!("與「{item}」搭配"),
        Lang::En => format!("goes with {item}"),
    }
}

pub fn reaches(lang: Lang, promotion: &str) -> String {
    match lang {
        Lang::ZhHans => format!("凑单可享「{promotion}」"),
        Lang::ZhHant => format!("湊單可享「{promotion}」"),
        Lang::En => format!("reaches {promotion}"),
    }
}

pub fn gap(lang: Lang, yuan: &str) -> String {
    match lang {
        Lang::ZhHans => format!("还差¥{yuan}"),
        Lang::ZhHant => format!("還差¥{yuan}"),
        Lang::En => format!("¥{yuan} to go"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_from_tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::ZhHans);
        assert_eq!(Lang::from_tag("zh"), Lang::ZhHans);
        assert_eq!(Lang::from_tag("zh-TW"), Lang::ZhHant);
        assert_eq!(Lang::from_tag("zh-Hant-HK"), Lang::ZhHant);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn every_intent_has_distinct_labels_in_each_language() {
        for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
            let labels: std::collections::HashSet<_> = Intent::ALL.iter().map(|&i| intent(lang, i)).collect();
            assert_eq!(labels.len(), Intent::ALL.len(), "{lang:?}");
        }
    }
}
