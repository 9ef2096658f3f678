// Run 9: a second set of templates for benign requests that use injection and jailbreak vocabulary
// (authored for Rampart, fixed seed), trained as negatives for the direct heads next to
// hard-negatives.ts. Where the first set is mostly "ignore the outliers" and "act as a tutor", this
// one covers the registers the run-9 error analysis found the prompt-injection head still
// confuses with attacks: requests that control the form of the answer ("answer only in …", "begin
// with …", "say it again in …"), questions about prompts and chat models, everyday passwords and
// accounts, and instructions or rules that belong to something else (a product, a game, a form).
// The eval-only lists (hard-negatives.ts, trigger-benign-eval.ts) are never trained on.
import { expand } from './hard-negatives.js';

const FORM_TEMPLATES: readonly string[] = [
  'answer only with {form}: {question}',
  'reply using {form} please. {question}',
  'can you give the answer as {form}? {question}',
  'begin your answer with "{opener}" and then {job}.',
  'open with "{opener}", then {job}.',
  'end the message with "{closer}" after you {job}.',
  'say that again in {lang}, please.',
  'could you say your last answer again, but {shorter}?',
  'give me the same explanation again, {shorter}.',
  'repeat the list you gave me, but sorted by {sortkey}.',
  'read this back to me slowly so I can write it down: {phrase}.',
  'help me practise: say "{phrase}" in {lang} and I will repeat it.',
  'how do you say "{phrase}" in {lang}?',
  'output {data} as {form}.',
  'print {data} with one item per line.',
  'from here on, write {shorter}; {question}',
  'for the rest of this chat, use {form}. first question: {question}',
  'only respond with yes or no: {yesno}',
  'respond in the voice of {voice}: {question}',
  'write your reply as {voice} would. {question}',
];
const FORM = [
  'a numbered list',
  'a table',
  'bullet points',
  'one sentence',
  'emojis only',
  'a haiku',
  'a single word',
  'plain text without markdown',
  'JSON',
  'a short paragraph',
  'three bullet points at most',
];
const QUESTION = [
  'what should I pack for a weekend in Edinburgh?',
  'why do onions make people cry?',
  'how do tides work?',
  'what are the main causes of inflation?',
  'how long should I boil an egg for a runny yolk?',
  'which houseplants are safe for cats?',
  'what is the capital of Mongolia?',
  'how does compound interest work?',
  'what are the symptoms of dehydration?',
  'how do I get red wine out of a carpet?',
  'what did the Treaty of Westphalia change?',
  'how many hours of sleep does a teenager need?',
];
const OPENER = [
  'Hi all',
  'Good morning',
  'Dear Ms Patel',
  'Hello team',
  'Quick update',
  'Thanks for waiting',
  'In short',
];
const CLOSER = ['Best regards', 'See you soon', 'Cheers', 'Thank you', 'Kind regards, Tom'];
const JOB = [
  'draft a note about the parking changes',
  'summarise the meeting in three lines',
  'invite everyone to the Friday lunch',
  'explain the new holiday request process',
  'thank the volunteers for the bake sale',
  'announce that the lift is out of order',
];
const LANG = ['Portuguese', 'Japanese', 'German', 'simple English', 'Dutch', 'Swahili', 'Korean', 'French'];
const SHORTER = [
  'in fewer words',
  'more slowly and simply',
  'without the jargon',
  'as if I were twelve',
  'with an example',
  'in a friendlier tone',
];
const SORTKEY = ['price', 'date', 'distance', 'popularity', 'alphabetical order'];
const PHRASE = [
  'where is the train station',
  'I would like a table for two',
  'thank you very much',
  'how much does this cost',
  'nice to meet you',
  'the bill, please',
];
const DATA = [
  'the planets in order from the sun',
  'the days of the week',
  'the primes below 50',
  'the ingredients for pancakes',
  'the EU member states',
];
const YESNO = [
  'is a tomato a fruit?',
  'can penguins fly?',
  'is Sydney the capital of Australia?',
  'do bats see in the dark?',
];
const VOICE = [
  'a sports commentator',
  'a 1920s newspaper',
  'a nature documentary narrator',
  'a cheerful kindergarten teacher',
];

const PROMPT_TEMPLATES: readonly string[] = [
  'what is the difference between {llm1} and {llm2}?',
  'can you explain {llm1} in simple words?',
  'how does {llm1} affect the answers a chatbot gives?',
  'in the {api}, where do I put {llm1}?',
  'is {llm1} sent with every request in the {api}?',
  'how long can {llm1} be before the model ignores parts of it?',
  'write a prompt that asks a model to {job}.',
  'how do I write better prompts for {imggen}?',
  'what is a prompt template, and how do I use one in {framework}?',
  'is "prompt engineer" a real job, and what does it pay?',
  'how do companies protect their chatbots against prompt injection? explain the idea only.',
  'what are the instructions a developer gives a chatbot called, and can users see them?',
];
const LLM = [
  'a system prompt',
  'a user prompt',
  'the temperature setting',
  'a few-shot prompt',
  'the context window',
  'a system message',
  'custom instructions',
  'a stop sequence',
  'top-p sampling',
  'an assistant message',
];
const API = ['OpenAI API', 'Anthropic API', 'Gemini API', 'Ollama REST API', 'Azure OpenAI service'];
const IMGGEN = ['Midjourney', 'Stable Diffusion', 'DALL-E', 'an image generator'];
const FRAMEWORK = ['LangChain', 'LlamaIndex', 'my own Python script', 'a spreadsheet add-on'];

const ACCOUNT_TEMPLATES: readonly string[] = [
  'how do I change the password of {account}?',
  'what makes a password strong enough for {account}?',
  'where does {app} store the passwords I saved?',
  'how can I see the {wifi} password on {device}?',
  'is it safe to write my passwords in a notebook at home?',
  'how do I share the {wifi} password with a guest without saying it out loud?',
  'my {account} keeps asking for my password. how do I stop that?',
  'what should I do if I think someone knows the password to {account}?',
  'how do I turn on two-factor authentication for {account}?',
  'which password manager works on both {device} and a Windows PC?',
  'how do I recover {account} if I lost my phone and my password?',
  'how do I reset the admin password of {device}?',
  'who should have admin rights on {account} in a small charity?',
  'how do I give my partner access to {account} without sharing my password?',
];
const ACCOUNT = [
  'my Gmail account',
  'our family Netflix',
  'my bank app',
  'my Apple ID',
  'the school portal',
  'my Steam account',
  'the office printer',
  'our shared Dropbox',
];
const APP = ['Chrome', 'Firefox', 'Safari', 'Edge', 'my iPhone', 'Bitwarden'];
const WIFI = ['Wi-Fi', 'home network', 'guest network', 'hotspot'];
const DEVICE = ['my Android phone', 'a MacBook', 'my router', 'a Chromebook', 'an iPad', 'the NAS'];

const OTHERS_RULES_TEMPLATES: readonly string[] = [
  'the {product} instructions say to {step}. do I really need to?',
  'can I ignore the {label} on {product} if {excuse}?',
  'the rules of {game} confuse me: what happens when {event}?',
  'forget {game} for a moment: what is a good board game for {people}?',
  'my {person} told me to disregard the {doc} and use {other} instead. how is {other} different?',
  'which of the old {doc} rules does the new {doc} override?',
  'the {doc} overrides the {other}? which one applies to {people}?',
  'is it ok to skip the {step2} in a {recipe} recipe?',
  'why do {people} ignore the rules about {topic}?',
  'the assembly instructions for {product} are missing. what is the usual order of steps?',
  'our {doc} has new instructions for {topic}. can you turn them into a checklist?',
  'explain the rules for {topic} in {place} in plain words.',
  'what does "{sign}" mean on {product}?',
];
const PRODUCT = [
  'the paint tin',
  'my new blender',
  'the flat-pack desk',
  'the cough syrup',
  'the washing machine',
  'the tent',
  'the car seat',
  'the printer cartridge',
];
const STEP = [
  'wait 24 hours before the second coat',
  'run an empty cycle first',
  'tighten the bolts twice',
  'shake well before use',
  'remove the transport screws',
];
const LABEL = ['warning label', 'expiry date', 'dry-clean-only tag', 'weight limit', '"do not microwave" note'];
const EXCUSE = ['it is only for a day', 'I am careful', 'it is past the date by a week', 'I only use it outdoors'];
const GAME = ['Scrabble', 'poker', 'volleyball', 'Uno', 'Dungeons & Dragons', 'rugby', 'badminton'];
const EVENT = [
  'two players tie',
  'the ball hits the line',
  'someone plays out of turn',
  'the deck runs out',
  'a player is injured',
];
const PEOPLE = ['four adults', 'kids under ten', 'a couple', 'a big family', 'new employees', 'tourists', 'cyclists'];
const PERSON = ['teacher', 'manager', 'doctor', 'coach', 'landlord', 'editor'];
const DOC = ['style guide', 'travel policy', 'house rules', 'handbook', 'syllabus', 'dress code', 'lease'];
const OTHER = ['the new template', 'the EU guidance', 'the updated version', 'the city code', 'the union agreement'];
const STEP2 = ['resting time', 'second proof', 'marinating', 'blind baking', 'sifting'];
const RECIPE = ['brioche', 'lasagne', 'sourdough', 'cheesecake', 'curry'];
const TOPIC = ['parking', 'recycling', 'remote work', 'noise at night', 'visitors', 'phone use in class'];
const PLACE = ['Berlin', 'our building', 'a national park', 'a school library', 'Singapore'];
const SIGN = ['P0', 'eco mode', 'child lock', 'override', 'manual bypass', 'system reset'];

const JARGON_TEMPLATES: readonly string[] = [
  'my friend {name} wants to learn {hobby}. what should {name} start with?',
  'write a short thank-you note to {name} for helping with {favour}.',
  'what does "{mode}" do on {gadget}, and when should I turn it on?',
  'is it safe to enable {mode} on {gadget}?',
  'why does {cmd} need admin rights on {os}?',
  'explain what {cmd} does on {os} in one paragraph.',
  'what is the meaning of "{adj}" in {field}?',
  'recommend an {adj2} {work} for a long flight.',
  'roleplay a short conversation where {role} helps a customer with {favour}.',
  'act as {role} for a minute: what would you ask me first about {favour}?',
];
const NAME = ['Dan', 'Stan', 'Aim', 'Dude', 'Max', 'Sudo', 'Root'];
const HOBBY = ['the guitar', 'rock climbing', 'chess', 'knitting', 'photography'];
const FAVOUR = ['the move', 'my tax return', 'the garden', 'a broken bike', 'the wedding speech'];
const MODE = ['developer mode', 'safe mode', 'god mode', 'airplane mode', 'debug mode', 'kiosk mode', 'admin mode'];
const GADGET = ['an Android tablet', 'my Chromebook', 'a Windows laptop', 'the game console', 'my smart watch'];
const CMD = [
  'sudo apt upgrade',
  'chmod 755',
  'a registry edit',
  'diskpart',
  'installing a printer driver',
  'netstat -b',
];
const OS = ['Ubuntu', 'Windows', 'macOS', 'Debian', 'Fedora'];
const ADJ = ['unrestricted', 'uncensored', 'unfiltered', 'unlimited', 'no-holds-barred'];
const FIELD = ['accounting', 'film classification', 'water treatment', 'a data plan', 'boxing', 'journalism'];
const ADJ2 = ['uncensored', 'unabridged', 'unfiltered', 'unrestricted-length'];
const WORK = ['audiobook', 'documentary', 'memoir', 'podcast series', 'biography'];
const ROLE = ['a bank clerk', 'a pharmacist', 'a hotel receptionist', 'an IT helpdesk worker', 'a librarian'];

/** About 900 requests, seed 109; scripts/train.ts trains the direct heads on them as negatives. */
export function triggerWordBenign2(): string[] {
  const slots = {
    form: FORM,
    question: QUESTION,
    opener: OPENER,
    closer: CLOSER,
    job: JOB,
    lang: LANG,
    shorter: SHORTER,
    sortkey: SORTKEY,
    phrase: PHRASE,
    data: DATA,
    yesno: YESNO,
    voice: VOICE,
    llm1: LLM,
    llm2: LLM,
    api: API,
    imggen: IMGGEN,
    framework: FRAMEWORK,
    account: ACCOUNT,
    app: APP,
    wifi: WIFI,
    device: DEVICE,
    product: PRODUCT,
    step: STEP,
    label: LABEL,
    excuse: EXCUSE,
    game: GAME,
    event: EVENT,
    people: PEOPLE,
    person: PERSON,
    doc: DOC,
    other: OTHER,
    step2: STEP2,
    recipe: RECIPE,
    topic: TOPIC,
    place: PLACE,
    sign: SIGN,
    name: NAME,
    hobby: HOBBY,
    favour: FAVOUR,
    mode: MODE,
    gadget: GADGET,
    cmd: CMD,
    os: OS,
    adj: ADJ,
    field: FIELD,
    adj2: ADJ2,
    work: WORK,
    role: ROLE,
  };
  return [
    ...expand(FORM_TEMPLATES, slots, 260, 109),
    ...expand(PROMPT_TEMPLATES, slots, 140, 110),
    ...expand(ACCOUNT_TEMPLATES, slots, 160, 111),
    ...expand(OTHERS_RULES_TEMPLATES, slots, 200, 112),
    ...expand(JARGON_TEMPLATES, slots, 140, 113),
  ];
}
