"""A toy translation task with real structure: English number words to French, 1 to 99.

French counts in a way English does not: 71 is "soixante et onze" (sixty and
eleven), 80 is "quatre-vingts" (four twenties), 97 is "quatre-vingt-dix-sept"
(four twenties ten seven). So the translation is not word by word: "seventy"
alone becomes one, two or three French pieces depending on the next word.

Tokens. English words are split at spaces ("twenty one" is two words). French
is split at spaces and at hyphens, and the hyphen is kept as a token of its
own, so the decoder writes "soixante - dix - sept" and join_french() glues it
back into "soixante-dix-sept". One extra token, END, marks the end of a
sentence; the decoder also reads it as its very first input ("nothing written
yet").
"""

UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy",
        8: "eighty", 9: "ninety"}

UNITES = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
          "onze", "douze", "treize", "quatorze", "quinze", "seize"]
DIZAINES = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}

END = "<end>"
NUMBERS = range(1, 100)


def english(n):
    """99 -> "ninety nine"."""
    tens, unit = divmod(n, 10)
    if n < 20:
        return UNITS[n - 1]
    return TENS[tens] if unit == 0 else f"{TENS[tens]} {UNITS[unit - 1]}"


def french_below_20(n):
    return UNITES[n - 1] if n <= 16 else "dix-" + UNITES[n - 11]


def french(n):
    """The French of France: 71 -> "soixante et onze", 80 -> "quatre-vingts", 91 -> "quatre-vingt-onze"."""
    if n < 20:
        return french_below_20(n)
    if n < 70:
        tens, unit = divmod(n, 10)
        word = DIZAINES[tens]
    elif n < 80:                    # 70-79: sixty plus 10-19
        word, unit = "soixante", n - 60
    else:                           # 80-99: four twenties plus 0-19
        if n == 80:
            return "quatre-vingts"  # the s falls off as soon as anything follows
        word, unit = "quatre-vingt", n - 80
    if unit == 0:
        return word
    if unit in (1, 11) and word != "quatre-vingt":
        return f"{word} et {french_below_20(unit)}"
    return f"{word}-{french_below_20(unit)}"


def french_tokens(text):
    """ "soixante-dix-sept" -> ["soixante", "-", "dix", "-", "sept"]."""
    return text.replace("-", " - ").split()


def join_french(tokens):
    return " ".join(tokens).replace(" - ", "-")


PAIRS = [(english(n).split(), french_tokens(french(n))) for n in NUMBERS]
ENGLISH_VOCAB = UNITS + list(TENS.values())
FRENCH_VOCAB = [END] + sorted({w for _, tgt in PAIRS for w in tgt})
