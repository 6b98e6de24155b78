function isFrontVowel(letter: string | undefined): boolean {
  return letter === "e" || letter === "i" || letter === "y";
}

function isVowel(letter: string | undefined): boolean {
  return letter === "a" || letter === "e" || letter === "i" || letter === "o" || letter === "u";
}

/**
 * A rough Brazilian-Portuguese sound key of a folded word, so that spellings that sound alike compare
 * equal before edit distance is counted: "chuxu"/"chuchu" → "xuxu", "keijo"/"queijo" → "keiju",
 * "sebola"/"cebola" → "sebola", "tomatte"/"tomate" → "tomati", "ortela"/"hortela" → "ortela". A word's last vowel
 * is said as people write it by ear ("mati" for "mate", "repolhu" for "repolho"), and a last "r" after a vowel is
 * not said at all ("açúca", "macassá").
 */
export function phoneticKey(word: string): string {
  let key = "";
  let index = word.charCodeAt(0) === 104 /* h */ ? 1 : 0;
  while (index < word.length) {
    const letter = word[index] as string;
    const next = word[index + 1];
    let sound = letter;
    let width = 1;
    if ((letter === "c" || letter === "s") && next === "h") {
      sound = "x";
      width = 2;
    } else if (letter === "p" && next === "h") {
      sound = "f";
      width = 2;
    } else if (letter === "q" && next === "u" && isFrontVowel(word[index + 2])) {
      sound = "k";
      width = 2;
    } else if (letter === "q") {
      sound = "k";
    } else if (letter === "c") {
      sound = isFrontVowel(next) ? "s" : "k";
    } else if (letter === "g" && isFrontVowel(next)) {
      // "beringela", "jengibre": g before e or i sounds j.
      sound = "j";
    } else if (letter === "y") {
      sound = "i";
    } else if (letter === "w") {
      sound = "v";
    } else if (letter === "z" && next === undefined) {
      sound = "s";
    }
    if (index + width === word.length && key.length > 1) {
      if (sound === "e") sound = "i";
      else if (sound === "o") sound = "u";
      else if (sound === "r" && isVowel(key[key.length - 1])) break;
    }
    // Doubled letters ("tomatte", "bananna", "cassa") sound single.
    if (!key.endsWith(sound)) key += sound;
    index += width;
  }
  return key;
}
