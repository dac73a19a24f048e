"""A deterministic stand-in for a language model answering short questions.

No network, no weights: what it "knows" is the table below, and how it phrases an answer depends
on the prompt it is given, as a real model's does. Two prompts:

  concise       "Answer with the fact only."                    (the champion's)
  step-by-step  "Think step by step, then answer in a sentence." (the change under review)

Step by step, it pads its answers with context (a reference "Leo Tolstoy" becomes "Leo Tolstoy,
the Russian novelist"), and its mental arithmetic slips on two-digit products: the kind of
regression an evaluation set should catch, on the examples a reviewer should see.
"""
import hashlib
import re

PROMPTS = {
    "concise": "Answer with the fact only.",
    "step-by-step": "Think step by step, then answer in a sentence.",
}

KNOWLEDGE = {
    "What is the capital of France?": "Paris",
    "What is the capital of Japan?": "Tokyo",
    "What is the capital of Canada?": "Ottawa",
    "What is the capital of Australia?": "Sydney",  # a classic confusion, in both prompts
    "What is the capital of Kenya?": "Nairobi",
    "What is the capital of Brazil?": "Brasilia",
    "What is the capital of Norway?": "Oslo",
    "What is the capital of Egypt?": "Cairo",
    "What is the longest river in Africa?": "the Nile",
    "What is the largest ocean on Earth?": "the Pacific",
    "On which continent is the Atacama Desert?": "South America",
    "What is the highest mountain in the world?": "Mount Everest",
    "Which country has the city of Marrakesh?": "Morocco",
    "What is the capital of Argentina?": "Buenos Aires",
    "What is the capital of Vietnam?": "Hanoi",
    "What is the chemical symbol for gold?": "Au",
    "What gas do plants absorb from the air?": "carbon dioxide",
    "How many planets are in the solar system?": "8",
    "What is the boiling point of water in Celsius at sea level?": "100 degrees",
    "What part of the cell holds the DNA?": "the nucleus",
    "What is the hardest natural material?": "diamond",
    "Which planet is known as the Red Planet?": "Mars",
    "What is the chemical formula of water?": "H2O",
    "What force keeps the planets in orbit around the Sun?": "gravity",
    "What is the largest organ of the human body?": "the skin",
    "What particle has a negative electric charge?": "the electron",
    "What is the speed of light in a vacuum in km per second, roughly?": "300000",
    "Which blood cells carry oxygen?": "red blood cells",
    "What is the main gas in the Earth's atmosphere?": "nitrogen",
    "What is the freezing point of water in Fahrenheit?": "32 degrees",
    "Who wrote Hamlet?": "William Shakespeare",
    "Who wrote Pride and Prejudice?": "Jane Austen",
    "Who wrote One Hundred Years of Solitude?": "Gabriel García Márquez",
    "Who wrote War and Peace?": "Leo Tolstoy",
    "Who wrote The Odyssey?": "Homer",
    "Who wrote Don Quixote?": "Miguel de Cervantes",
    "Who wrote Things Fall Apart?": "Chinua Achebe",
    "Who wrote The Tale of Genji?": "Murasaki Shikibu",
    "Who wrote Frankenstein?": "Mary Shelley",
    "Who wrote The Divine Comedy?": "Dante Alighieri",
    "Who wrote Moby-Dick?": "Herman Melville",
    "Who wrote Crime and Punishment?": "Fyodor Dostoevsky",
    "Who wrote The Little Prince?": "Antoine de Saint-Exupéry",
    "Who wrote Beloved?": "Toni Morrison",
    "Who wrote Dream of the Red Chamber?": "Cao Xueqin",
}

CONTEXT = {
    "William Shakespeare": "the English playwright",
    "Leo Tolstoy": "the Russian novelist",
    "Miguel de Cervantes": "in early seventeenth-century Spain",
    "Fyodor Dostoevsky": "in nineteenth-century Russia",
    "Herman Melville": "the American novelist",
    "Dante Alighieri": "the Florentine poet",
    "the Pacific": "which covers about a third of the planet",
    "carbon dioxide": "which they turn into sugars by photosynthesis",
}

ARITHMETIC = re.compile(r"What is (\d+) ([-+*/]) (\d+)\?")


def stable(text, salt):
    """A number in [0, 1) fixed by the text: the same answer on every machine and every run."""
    return int(hashlib.sha256((salt + "|" + text).encode()).hexdigest()[:8], 16) / 2**32


def calculate(a, op, b, prompt):
    exact = {"+": a + b, "-": a - b, "*": a * b, "/": a // b}[op]
    if prompt == "step-by-step" and op == "*" and a >= 10 and b >= 10:
        # Splits the product into tens and units and drops a carry.
        return exact - 10
    return exact


def answer(question, prompt):
    """The model's answer to one question under one prompt."""
    if prompt not in PROMPTS:
        raise ValueError(f"unknown prompt {prompt!r}; known: {', '.join(PROMPTS)}")
    m = ARITHMETIC.fullmatch(question)
    if m:
        fact = str(calculate(int(m.group(1)), m.group(2), int(m.group(3)), prompt))
    else:
        fact = KNOWLEDGE.get(question, "I do not know")
    if prompt == "concise":
        return fact
    if fact in CONTEXT:
        return f"{fact}, {CONTEXT[fact]}"
    return fact


def latency_ms(question, prompt, text):
    """Simulated serving time: longer prompts and longer answers take longer."""
    base = 180 if prompt == "concise" else 420
    return round(base + 9 * len(text.split()) + 160 * stable(question, prompt), 1)
