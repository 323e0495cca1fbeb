#!/usr/bin/env python3
"""Writes the HTML fixtures of testdata/web in their encodings.

The pages are written for wiretrace's tests: a news page in UTF-8, an
Arabic page in windows-1256, Russian pages in windows-1251 and KOI8-R,
each with navigation, a related-stories block and a footer that must stay
out of the extracted text, and a short page where readability finds
nothing and the body text is used. Pages with bylines and source metadata
(meta, JSON-LD, byline and dateline elements) test what a reader is told
about where an article came from, next to bylines of other stories and
comments that must not be read as the article's. Run it from this
directory.
"""


def page(lang, charset_decl, head_extra, title, nav, paras, related, footer, body_extra="", after_article=""):
    ps = "\n".join(f"<p>{p}</p>" for p in paras)
    rel = "\n".join(f'<li><a href="/r{i}">{r}</a></li>' for i, r in enumerate(related))
    navs = " ".join(f'<a href="/s{i}">{n}</a>' for i, n in enumerate(nav))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
{charset_decl}
<title>{title}</title>
{head_extra}
</head>
<body>
<header><nav class="menu">{navs}</nav></header>
<main>
<article>
<h1>{title}</h1>
{body_extra}
<div class="article-body">
{ps}
</div>
</article>
{after_article}<aside class="related"><h3>Related stories</h3><ul>
{rel}
</ul></aside>
</main>
<footer><p>{footer}</p></footer>
<script>var tracking = "do not read me";</script>
</body>
</html>
"""


EN = [
    "The harbour authority closed the northern basin to shipping on Saturday after a crane collapsed onto the quay, officials said, and pilots were told to divert incoming vessels to the southern terminal until further notice.",
    "Nobody was hurt in the collapse, which happened shortly after the morning shift began, but engineers said the quay would have to be inspected before any ship could berth there again.",
    "The port handles about a third of the country's container traffic, and shipping agents warned that delays of several days were likely if the basin stayed closed into next week.",
    "A spokesman for the authority said the cause of the collapse was not yet known and that an investigation had been opened with the manufacturer of the crane.",
]
AR = [
    "أعلنت وزارة المالية اليوم اعتماد الميزانية العامة للدولة للعام المالي المقبل مع الإبقاء على الإنفاق على الصحة والتعليم والبنية التحتية عند مستوى العام الماضي رغم انخفاض إيرادات النفط.",
    "وقال وزير المالية في بيان إن الميزانية تفترض متوسط سعر للنفط يبلغ خمسة وأربعين دولارا للبرميل وإن العجز المتوقع سيمول من خلال أدوات الدين المحلية والدولية.",
    "وأضاف أن المشاريع الكبرى ستستمر وفق الجدول الزمني المحدد بينما ستتم مراجعة عدد من المشاريع الرأسمالية الأصغر لتحسين كفاءة الإنفاق العام.",
]
RU = [
    "Министр иностранных дел России заявил во вторник, что переговоры о прекращении огня должны продолжиться на следующей неделе в Женеве при участии всех сторон конфликта.",
    "По его словам, стороны договорились об обмене пленными и о восстановлении подачи воды в населённые пункты вблизи линии соприкосновения.",
    "Министр также сообщил, что наблюдатели получат доступ ко всем участкам линии разграничения уже в ближайшие дни.",
]

open("en-utf8.html", "w", encoding="utf-8").write(page(
    "en", '<meta charset="utf-8">',
    '<meta property="og:site_name" content="Gulf Post">\n'
    '<meta property="og:title" content="Crane collapse closes northern basin">\n'
    '<meta property="article:published_time" content="2024-06-01T10:30:00+04:00">\n'
    '<meta name="author" content="Sara Haddad">\n'
    '<link rel="canonical" href="https://www.gulfpost.example/news/2024/06/01/crane-collapse">',
    "Crane collapse closes northern basin | Gulf Post", ["Home", "World", "Business", "Sport", "Opinion"], EN,
    ["Port expansion approved by cabinet", "New ferry route to open in July", "Dockers vote on pay offer"],
    "© 2024 Gulf Post Media. All rights reserved. Terms of use. Privacy policy."))

LD = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},'
      '{"@type":"NewsArticle","headline":"budget","datePublished":"2015-07-21T08:15:00+03:00"}]}</script>')
open("ar-1256.html", "wb").write(page(
    "ar", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">',
    LD + '\n<link rel="canonical" href="https://www.alyaum.example/article/3051234">',
    "اعتماد الميزانية العامة", ["الرئيسية", "محليات", "اقتصاد", "رياضة"], AR,
    ["ارتفاع أسعار النفط في التعاملات الآسيوية", "افتتاح معرض الكتاب الدولي"],
    "جميع الحقوق محفوظة لصحيفة اليوم 2015").encode("cp1256"))

open("ru-1251.html", "wb").write(page(
    "ru", '<meta charset="windows-1251">', '<meta property="og:site_name" content="Вести Недели">',
    "Переговоры продолжатся в Женеве", ["Главная", "Политика", "Экономика"], RU,
    ["Курс рубля вырос", "Погода на выходные"], "© Вести Недели, все права защищены",
    body_extra='<p class="meta">Опубликовано <time datetime="2016-11-29T12:00:00+03:00">29 ноября</time></p>').encode("cp1251"))

open("ru-koi8.html", "wb").write(page(
    "ru", '<meta charset="koi8-r">', '<meta property="og:site_name" content="Новости Севера">',
    "Наблюдатели получат доступ", ["Главная", "Регион"], RU[1:] + RU[:1],
    ["Открыт новый мост"], "© Новости Севера").encode("koi8_r"))

open("short.html", "w", encoding="utf-8").write(
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Brief</title></head>\n'
    '<body><nav><a href="/">Home</a></nav><div>Rail workers will strike on Monday over pay, the union said.</div>'
    '<footer>© Brief News</footer></body></html>\n')


# Bylines and sources. Each page also carries bylines that are not the
# article's (related stories, comments, the site footer).

EN2 = [
    "Talks on a ceasefire will resume in Geneva next week with all parties at the table, two diplomats familiar with the plans said on Saturday, after a week of shuttle visits by envoys.",
    "The diplomats, who asked not to be named because the talks are confidential, said a prisoner exchange and the reopening of two border crossings were at the top of the agenda.",
    "A spokesman for the envoy declined to comment on the timing of the talks but said consultations with the parties were continuing and had been constructive.",
]
open("en-bylines.html", "w", encoding="utf-8").write(page(
    "en", '<meta charset="utf-8">',
    '<meta property="og:site_name" content="Harbour Times">\n'
    '<meta name="author" content="Jane Roe">\n'
    '<meta property="article:author" content="https://www.facebook.com/jane.roe">\n'
    '<meta name="original-source" content="https://www.reuters.com/world/ceasefire-talks-2024-06-01/">\n'
    '<meta name="syndication-source" content="https://www.harbourtimes.example/world/ceasefire-talks">\n'
    '<link rel="canonical" href="https://www.harbourtimes.example/world/ceasefire-talks">\n'
    '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
    '"headline":"Ceasefire talks to resume in Geneva","datePublished":"2024-06-01T09:00:00Z",'
    '"author":{"@type":"Person","name":"Jane Roe","url":"https://www.harbourtimes.example/authors/jane-roe"},'
    '"sourceOrganization":{"@type":"NewsMediaOrganization","name":"Reuters","url":"https://www.reuters.com"},'
    '"publisher":{"@type":"Organization","name":"Harbour Times"}}</script>',
    "Ceasefire talks to resume in Geneva", ["Home", "World", "Business"], EN2,
    ['Markets rally <span class="byline">By AFP</span>', 'Storm warning <span class="author">Sputnik</span>'],
    '© 2024 Harbour Times. <span class="author">Site by Xinhua Digital</span>',
    body_extra='<p class="byline">By <a rel="author" href="/authors/jane-roe">Jane Roe</a>, Reuters</p>\n'
    '<p><span class="dateline">GENEVA (Reuters) -</span> Diplomats expect a long week.</p>',
    after_article='<section class="comments"><div class="comment"><span class="comment-author">TASS reader</span>'
    '<p>Good news at last.</p></div></section>\n'))

AR2 = [
    "أعلن مجلس الوزراء اليوم عن حزمة من الإجراءات لدعم المنشآت الصغيرة والمتوسطة تشمل تسهيلات تمويلية وإعفاءات من بعض الرسوم الحكومية لمدة ثلاث سنوات.",
    "وأوضح المتحدث الرسمي أن الحزمة تهدف إلى رفع مساهمة هذه المنشآت في الناتج المحلي وتوفير فرص عمل جديدة للمواطنين في مختلف المناطق.",
    "وأشار إلى أن الجهات المعنية ستبدأ في تطبيق الإجراءات مطلع الشهر المقبل وفق جدول زمني معلن.",
]
open("ar-source-1256.html", "wb").write(page(
    "ar", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">',
    '<meta name="author" content="محمد العلي">\n'
    '<link rel="canonical" href="https://www.alyaum.example/article/4001">\n'
    '<link rel="original-source" href="https://www.spa.gov.sa/1234567">\n'
    '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2015-08-10T09:00:00+03:00",'
    '"sourceOrganization":{"@type":"Organization","name":"وكالة الأنباء السعودية","url":"https://www.spa.gov.sa/"}}</script>',
    "حزمة إجراءات لدعم المنشآت الصغيرة", ["الرئيسية", "محليات", "اقتصاد"], AR2,
    ['ارتفاع أسعار الذهب <span class="author">رويترز</span>'], "جميع الحقوق محفوظة 2015",
    body_extra='<div class="author-name">بقلم: محمد العلي</div>').encode("cp1256"))

AR3 = [
    "استقبل وزير الخارجية اليوم في مكتبه بالدوحة سفير جمهورية ألمانيا الاتحادية لدى الدولة وجرى خلال المقابلة استعراض علاقات التعاون بين البلدين وسبل دعمها وتطويرها.",
    "كما تم خلال المقابلة بحث عدد من القضايا ذات الاهتمام المشترك وآخر التطورات الإقليمية والدولية.",
]
open("ar-qna.html", "w", encoding="utf-8").write(page(
    "ar", '<meta charset="utf-8">', '<meta property="og:site_name" content="الشرق">',
    "وزير الخارجية يستقبل السفير الألماني", ["الرئيسية", "محليات"], AR3,
    ['أمطار على شمال المملكة <span class="byline">الرياض - واس</span>'], "جميع الحقوق محفوظة لجريدة الشرق",
    body_extra='<div class="byline">الدوحة - قنا</div>'))

EN3 = [
    "Flood waters began to recede across the northern valleys on Tuesday, allowing rescue teams to reach villages that had been cut off for three days, regional officials said.",
    "More than four thousand people spent the night in schools and sports halls, and the army flew in drinking water and blankets to the worst-hit districts.",
    "Forecasters said more rain was expected at the weekend but that river levels should stay below the peaks reached on Sunday.",
]
LD3 = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
       '{"@type":"NewsArticle","@id":"https://citywire.example/floods#article","headline":"Flood waters recede",'
       '"datePublished":"2024-03-12T14:00:00+01:00",'
       '"author":[{"@id":"https://citywire.example/#/person/lina"},{"@type":"Organization","name":"Agence France-Presse"},"Omar Said"],'
       '"isBasedOn":["https://www.afp.com/en/news/2024/story-123",'
       '{"@type":"NewsArticle","name":"Flood waters recede across the northern valleys as rescue teams search",'
       '"publisher":{"@type":"Organization","name":"AFP","url":"https://www.afp.com"},'
       '"url":"https://www.afp.com/en/news/2024/story-123"}],'
       '"publisher":{"@id":"https://citywire.example/#org"}},'
       '{"@type":"Person","@id":"https://citywire.example/#/person/lina","name":"Lina Karam","url":"https://citywire.example/staff/lina"},'
       '{"@type":"Organization","@id":"https://citywire.example/#org","name":"City Wire"}]}</script>')
open("en-ldarray.html", "w", encoding="utf-8").write(page(
    "en", '<meta charset="utf-8">',
    '<meta property="og:site_name" content="City Wire">\n'
    '<meta property="article:author" content="https://www.facebook.com/citywire">\n'
    '<link rel="canonical" href="https://citywire.example/floods">\n' + LD3,
    "Flood waters recede", ["Home", "Local", "Weather"], EN3,
    ["Bridge reopens after repairs"], '© City Wire. <span class="author">Site by Reuters Digital</span>',
    body_extra='<footer class="article-meta"><span class="author">Reporting by Omar Said</span></footer>'))
