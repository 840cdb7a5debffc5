// What humanline itself says on a call, beside the flow's own prompts: the
// apologies, the queue announcements, the callback number, the guard's
// hand-over. Written once per language here; a flow may replace any of them
// per language in `settings.phrases`.

/** Every phrase the runtime and the interpreter speak, with the placeholders its text may hold. */
export const PHRASE_PLACEHOLDERS = {
  apology: [],
  apologyNoPerson: [],
  dialFailed: [],
  guardApology: [],
  queueNext: [],
  queuePosition: ['position'],
  estimatedWaitOneMinute: [],
  estimatedWaitMinutes: ['minutes'],
  confirmCallerNumber: ['number'],
  enterCallbackNumber: [],
} as const satisfies Record<string, readonly string[]>;

export type PhraseKey = keyof typeof PHRASE_PLACEHOLDERS;
export const PHRASE_KEYS = Object.keys(PHRASE_PLACEHOLDERS) as PhraseKey[];

/** `{{ name }}` in a phrase's text: the value the runtime fills in. */
export const PHRASE_PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders `text` uses that phrase `key` has no value for (they would be heard as silence). */
export function findUnknownPlaceholders(key: PhraseKey, text: string): string[] {
  const known: readonly string[] = PHRASE_PLACEHOLDERS[key];
  return [...text.matchAll(PHRASE_PLACEHOLDER)].map((match) => match[1] ?? '').filter((name) => !known.includes(name));
}

/** When each phrase is spoken, for the flow schema's documentation. */
export const PHRASE_USES: Record<PhraseKey, string> = {
  apology: 'Something went wrong; the caller goes to the fallback person',
  apologyNoPerson: 'Something went wrong and there is no fallback person; the call ends',
  dialFailed: 'Nobody answered the fallback either; the call ends',
  guardApology: 'The run-time guard sends a stuck call to a person',
  queueNext: 'On hold: the caller is first in the queue',
  queuePosition: 'On hold: the caller\'s place in the queue, {{position}}',
  estimatedWaitOneMinute: 'On hold: the estimated wait is one minute or less',
  estimatedWaitMinutes: 'On hold: the estimated wait, {{minutes}} minutes',
  confirmCallerNumber: 'Callback: confirm the caller\'s number {{number}} (read digit by digit) with 1, or enter another',
  enterCallbackNumber: 'Callback: enter the number to be called back on',
};

/** humanline's own language: the one a call in a language without phrases hears them in. */
export const PHRASE_FALLBACK_LANGUAGE = 'en';

type Phrases = Record<PhraseKey, string>;

/** The shipped phrases, by primary language subtag (`es` serves `es-ES` and `es-MX`). */
export const BUILT_IN_PHRASES = {
  en: {
    apology: 'We are sorry, something went wrong on our side. Let me connect you to a person.',
    apologyNoPerson:
      'We are sorry, something went wrong on our side and we cannot connect you to a person right now. Please call us again in a few minutes.',
    dialFailed: 'We are sorry, nobody could take your call. Please call us again in a few minutes. Goodbye.',
    guardApology: 'Let me connect you with someone who can help.',
    queueNext: 'You are next in line.',
    queuePosition: 'You are number {{position}} in line.',
    estimatedWaitOneMinute: 'The estimated wait is about one minute.',
    estimatedWaitMinutes: 'The estimated wait is about {{minutes}} minutes.',
    confirmCallerNumber: 'To be called back at {{number}}, press 1. To use a different number, enter it now, followed by the pound key.',
    enterCallbackNumber: 'Please enter the number we should call you back on, followed by the pound key.',
  },
  es: {
    apology: 'Lo sentimos, algo ha fallado por nuestra parte. Le pasamos con una persona.',
    apologyNoPerson:
      'Lo sentimos, algo ha fallado por nuestra parte y ahora mismo no podemos pasarle con una persona. Por favor, vuelva a llamarnos dentro de unos minutos.',
    dialFailed: 'Lo sentimos, nadie ha podido atender su llamada. Por favor, vuelva a llamarnos dentro de unos minutos. Adiós.',
    guardApology: 'Le pasamos con una persona que podrá ayudarle.',
    queueNext: 'Su llamada es la siguiente en ser atendida.',
    queuePosition: 'Su llamada ocupa la posición {{position}} en la cola.',
    estimatedWaitOneMinute: 'El tiempo de espera estimado es de aproximadamente un minuto.',
    estimatedWaitMinutes: 'El tiempo de espera estimado es de unos {{minutes}} minutos.',
    confirmCallerNumber: 'Para que le llamemos al {{number}}, pulse 1. Para usar otro número, márquelo ahora, seguido de la tecla almohadilla.',
    enterCallbackNumber: 'Por favor, marque el número en el que quiere que le llamemos, seguido de la tecla almohadilla.',
  },
  ca: {
    apology: 'Ho sentim, alguna cosa ha fallat per part nostra. Us passem amb una persona.',
    apologyNoPerson:
      'Ho sentim, alguna cosa ha fallat per part nostra i ara mateix no us podem passar amb cap persona. Si us plau, torneu a trucar d\'aquí a uns minuts.',
    dialFailed: 'Ho sentim, ningú no ha pogut atendre la vostra trucada. Si us plau, torneu a trucar d\'aquí a uns minuts. Adéu.',
    guardApology: 'Us passem amb una persona que us podrà ajudar.',
    queueNext: 'La vostra trucada és la següent que serà atesa.',
    queuePosition: 'La vostra trucada ocupa la posició {{position}} a la cua.',
    estimatedWaitOneMinute: 'El temps d\'espera estimat és d\'un minut, aproximadament.',
    estimatedWaitMinutes: 'El temps d\'espera estimat és d\'uns {{minutes}} minuts.',
    confirmCallerNumber: 'Perquè us truquem al {{number}}, premeu 1. Per fer servir un altre número, marqueu-lo ara, seguit de la tecla coixinet.',
    enterCallbackNumber: 'Si us plau, marqueu el número on voleu que us truquem, seguit de la tecla coixinet.',
  },
  eu: {
    apology: 'Sentitzen dugu, arazo bat izan da gure aldetik. Pertsona batekin jarriko zaitugu harremanetan.',
    apologyNoPerson:
      'Sentitzen dugu, arazo bat izan da gure aldetik, eta orain ezin zaitugu pertsona batekin harremanetan jarri. Mesedez, deitu berriro minutu batzuk barru.',
    dialFailed: 'Sentitzen dugu, inork ezin izan du zure deia hartu. Mesedez, deitu berriro minutu batzuk barru. Agur.',
    guardApology: 'Lagun zaitzakeen pertsona batekin jarriko zaitugu harremanetan.',
    queueNext: 'Zure deia da hurrengoa.',
    queuePosition: 'Ilaran duzun zenbakia {{position}} da.',
    estimatedWaitOneMinute: 'Itxaron-denbora, gutxi gorabehera, minutu batekoa da.',
    estimatedWaitMinutes: 'Itxaron-denbora, gutxi gorabehera, {{minutes}} minutukoa da.',
    confirmCallerNumber: '{{number}} zenbakian deia jasotzeko, sakatu 1. Beste zenbaki bat erabiltzeko, markatu orain, eta ondoren sakatu traola-tekla.',
    enterCallbackNumber: 'Mesedez, markatu zein zenbakitara deitzea nahi duzun, eta ondoren sakatu traola-tekla.',
  },
  gl: {
    apology: 'Sentímolo, algo fallou pola nosa parte. Imos pasar a súa chamada a unha persoa.',
    apologyNoPerson:
      'Sentímolo, algo fallou pola nosa parte e agora mesmo non podemos pasar a súa chamada a unha persoa. Por favor, volva chamarnos dentro duns minutos.',
    dialFailed: 'Sentímolo, ninguén puido atender a súa chamada. Por favor, volva chamarnos dentro duns minutos. Adeus.',
    guardApology: 'Imos pasar a súa chamada a unha persoa que poderá axudarlle.',
    queueNext: 'A súa chamada é a seguinte en ser atendida.',
    queuePosition: 'A súa chamada ocupa a posición {{position}} na lista de espera.',
    estimatedWaitOneMinute: 'O tempo de espera estimado é de aproximadamente un minuto.',
    estimatedWaitMinutes: 'O tempo de espera estimado é duns {{minutes}} minutos.',
    confirmCallerNumber: 'Para recibir a chamada no {{number}}, prema 1. Para usar outro número, márqueo agora, seguido da tecla cancelo.',
    enterCallbackNumber: 'Por favor, marque o número no que quere recibir a chamada, seguido da tecla cancelo.',
  },
  nl: {
    apology: 'Excuses, er is aan onze kant iets misgegaan. We verbinden u door met een medewerker.',
    apologyNoPerson:
      'Excuses, er is aan onze kant iets misgegaan en we kunnen u op dit moment niet doorverbinden met een medewerker. Wilt u over een paar minuten opnieuw bellen?',
    dialFailed: 'Excuses, niemand kon uw gesprek aannemen. Wilt u over een paar minuten opnieuw bellen? Tot ziens.',
    guardApology: 'We verbinden u door met iemand die u verder kan helpen.',
    queueNext: 'U bent de volgende in de wachtrij.',
    queuePosition: 'U bent nummer {{position}} in de wachtrij.',
    estimatedWaitOneMinute: 'De verwachte wachttijd is ongeveer één minuut.',
    estimatedWaitMinutes: 'De verwachte wachttijd is ongeveer {{minutes}} minuten.',
    confirmCallerNumber: 'Wilt u teruggebeld worden op {{number}}, toets dan 1. Wilt u een ander nummer gebruiken, toets dat dan nu in, gevolgd door een hekje.',
    enterCallbackNumber: 'Toets het nummer in waarop we u kunnen terugbellen, gevolgd door een hekje.',
  },
  et: {
    apology: 'Vabandame, meie poolel tekkis viga. Ühendame teid klienditeenindajaga.',
    apologyNoPerson:
      'Vabandame, meie poolel tekkis viga ja me ei saa teid praegu klienditeenindajaga ühendada. Palun helistage mõne minuti pärast uuesti.',
    dialFailed: 'Vabandame, keegi ei saanud teie kõnet vastu võtta. Palun helistage mõne minuti pärast uuesti. Head aega.',
    guardApology: 'Ühendame teid kellegagi, kes saab teid aidata.',
    queueNext: 'Te olete järjekorras järgmine.',
    queuePosition: 'Teie järjekorranumber on {{position}}.',
    estimatedWaitOneMinute: 'Eeldatav ooteaeg on umbes üks minut.',
    estimatedWaitMinutes: 'Eeldatav ooteaeg on umbes {{minutes}} minutit.',
    confirmCallerNumber: 'Kui soovite tagasikõnet numbrile {{number}}, vajutage 1. Teise numbri kasutamiseks sisestage see kohe ja vajutage lõpuks trellimärki.',
    enterCallbackNumber: 'Palun sisestage number, millele soovite tagasikõnet, ja vajutage lõpuks trellimärki.',
  },
  hu: {
    apology: 'Elnézést, hiba történt a rendszerünkben. Kapcsoljuk egy munkatársunkat.',
    apologyNoPerson:
      'Elnézést, hiba történt a rendszerünkben, és jelenleg nem tudjuk munkatársunkhoz kapcsolni. Kérjük, hívjon újra néhány perc múlva.',
    dialFailed: 'Elnézést, jelenleg egyik munkatársunk sem tudja fogadni a hívását. Kérjük, hívjon újra néhány perc múlva. Viszonthallásra.',
    guardApology: 'Kapcsoljuk egy munkatársunkat, aki segíteni tud.',
    queueNext: 'Ön következik a sorban.',
    queuePosition: 'Az Ön helye a sorban: {{position}}.',
    estimatedWaitOneMinute: 'A várható várakozási idő körülbelül egy perc.',
    estimatedWaitMinutes: 'A várható várakozási idő körülbelül {{minutes}} perc.',
    confirmCallerNumber: 'Ha ezen a számon hívhatjuk vissza: {{number}}, nyomja meg az 1-es gombot. Más szám megadásához üsse be most a számot, majd nyomja meg a kettőskereszt gombot.',
    enterCallbackNumber: 'Kérjük, üsse be a számot, amelyen visszahívhatjuk, majd nyomja meg a kettőskereszt gombot.',
  },
} as const satisfies Record<string, Phrases>;

export type BuiltInPhraseLanguage = keyof typeof BUILT_IN_PHRASES;
export const BUILT_IN_PHRASE_LANGUAGES = Object.keys(BUILT_IN_PHRASES) as BuiltInPhraseLanguage[];
