#!/usr/bin/env python3
"""Writes the HTML fixtures of testdata/web in their encodings.

The pages are written for wiretrace's tests: a news page in UTF-8, an
Arabic page in windows-1256, Russian pages in windows-1251 and KOI8-R,
each with navigation, a related-stories block and a footer that must stay
out of the extracted text, and a short page where readability finds
nothing and the body text is used. Run it from this directory.
"""


def page(lang, charset_decl, head_extra, title, nav, paras, related, footer, body_extra=""):
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
<aside class="related"><h3>Related stories</h3><ul>
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
