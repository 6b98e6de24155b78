/** Words of everyday Portuguese and English that the reader treats specially. All folded (no accents). */

/** The words of a space- or newline-separated list, as a set. */
export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((word) => word.length > 0));
}

/** Articles and prepositions: ignored inside product names ("queijo de coalho" = "queijo coalho"). */
export const CONNECTING_WORDS = wordSet("de da do das dos d o a os as of the em no na nos nas in");

/** Verbs and phrases that take items away from the order ("tira o coentro", "sem coentro", "remove the eggs"). */
export const REMOVE_WORDS = wordSet(`
  tira tirar tire tiro tiram retira retirar retire remove remover remova removam exclui excluir exclua
  apaga apagar apague deleta deletar delete sem cancela cancele cancelar without descarta esquece esquecer
  take`);

/** Verbs that set a quantity instead of adding to it ("troca tomate por 3kg", "muda o tomate pra 3kg"). */
export const CHANGE_WORDS = wordSet(`
  troca trocar troque muda mudar mude altera alterar altere corrige corrigir corrija ajusta ajustar ajuste
  change changed update set make substitui substituir substitua`);

/** Words that ask for goods: they make an unknown product worth naming back to the customer. */
export const ORDER_WORDS = wordSet(`
  quero queria quer querer gostaria preciso precisava precisando manda mande mandar mandem ve traz traga
  trazer separa separe separar coloca coloque colocar poe bota bote botar adiciona adicione adicionar acrescenta
  acrescente acrescentar inclui inclua incluir mais tambem want like need add send bring more also get order
  encomendar encomenda pedir peco`);

/**
 * Words that never name a product: politeness, pronouns, greetings, verbs of ordering, vague amounts.
 * They are left out of "unknown" fragments and never corrected towards a product name.
 */
export const FILLER_WORDS = wordSet(`
  e and ou or com with pra para pro por favor pf pfv pfvr porfa please pls plz obrigado obrigada obg brigado
  valeu vlw thanks thank thx me mim eu voce voces vc vcs tu nos a gente minha meu meus minhas my mine i id im
  you your we us ai ae la aqui so somente apenas just only tambem too also ainda bom boa dia tarde noite oi ola
  hello hi hey good morning afternoon evening night tudo bem opa salve eai beleza blz certo isso esse essa
  esses essas este esta estes estas aquele aquela this that these those uns umas cerca aproximadamente
  aprox mais menos about around approximately some any pouco pouquinho little bit lot muito muita muitos
  muitas favorzinho gentileza poderia pode podia consegue conseguiria could would can will should vou vai
  vamos ir querer quero queria quer gostaria preciso precisava manda mande mandar ve traz traga trazer separa
  separe coloca coloque poe bota adiciona acrescenta inclui want like need add send bring get give please
  hoje amanha depois agora tomorrow today now later entrega entregar entregue delivery deliver
  pedido pedidos order orders encomenda lista list segue seguinte following item itens items produto produtos
  x vezes times cada each ja tambem tb tbm pq porque que q se if sim nao no yes ok okay
  is are be to for it its em no na um uma um
  foi foram ta sera on yet still been was were did does has have had got gone go going went out ive youre cant
  wont didnt doesnt isnt hasnt havent arent wasnt until till sair cans tin tins carton cartons
  semana semanas fds sexta sabado domingo terca quarta quinta feira hj mes proxima proximo ser seja
  esqueci esqueceu esquecido lembrei ah ahh oh bah tche oxe oxente eita uai visse ne hmm enfim entao urgente
  coisa coisas coisinha coisinhas dona seu senhor senhora sr sra
  bj bjs bjss bjo bjos beijo beijos beijao beijinho beijinhos abraco abracos abs att atenciosamente grato grata
  agradeco ate logo breve aguardo fico avisa avise qualquer combinado tmj
  week weekend monday tuesday wednesday thursday friday saturday sunday`);

/** Laughter ("kkkk", "rsrs", "hahaha", "hehe"), also as the singular reads it ("rsr"): never goods. */
const LAUGHTER = /^(?:k{2,}|(?:rs)+r?|h?(?:ha)+h?|(?:he)+h?|(?:hu)+a?)$/;

/** Small-talk categories a message made only of known words falls into. */
export const Talk = {
  Neutral: 1,
  Greeting: 2,
  Help: 4,
  Confirm: 8,
  Cancel: 16,
  StatusStrong: 32,
  StatusWeak: 64,
  Thanks: 128,
  Catalog: 256,
  Negation: 512,
} as const;

const talkEntries: [number, string][] = [
  [
    Talk.Neutral,
    `o a os as de do da meu minha meus minhas my i id im is are the a an to e and por favor pf pfv pls please
     pode poderia vc voce voces vcs you me mim eu ja agora now ai ae la aqui de quero queria quer gostaria
     would like want can could it its this that isso esse essa este esta qual quais como what how which tudo
     bem sobre about of se estao esta estou vai vamos fazer faco um uma nosso seu sua ver mostra mostrar manda
     mande send show tem teem tenho have has do does ta to com with em no na for`,
  ],
  [
    Talk.Greeting,
    "oi ola oie oii opa salve eai bom boa dia tarde noite hello hi hey hiya good morning afternoon evening",
  ],
  [
    Talk.Help,
    "menu ajuda help socorro funciona comandos commands opcoes options inicio start comecar duvida duvidas fazer faco",
  ],
  [
    Talk.Confirm,
    `sim s ok okay okey ok blz beleza confirmar confirmo confirma confirmado confirme certo correto isso fechado
     perfeito pode positivo claro yes yep yeah yup sure confirm confirmed correct right fine top show exato`,
  ],
  [Talk.Cancel, "cancelar cancela cancelo cancele cancelado cancel cancelled canceled desistir desisto"],
  [
    Talk.StatusStrong,
    `cade onde status situacao chegou chega chegando andamento rastrear rastreio acompanhar where track tracking
     arrive arrived arrives arriving coming vem vindo pedidos orders quando when caminho transito transit saiu
     sairam enviado enviada enviados enviadas enviaram enviou despachado despachada despacharam despachou previsao
     demora demorando demorar demorou atrasado atrasada atrasou atraso entregador motoboy motoqueiro ship shipped dispatched eta`,
  ],
  [Talk.StatusWeak, "pedido order encomenda"],
  [Talk.Thanks, "obrigado obrigada obg brigado brigada valeu vlw thanks thank thx agradecido agradeco tchau bye"],
  [
    Talk.Catalog,
    `catalogo catalog cardapio produto produtos products product preco precos price prices valor valores tabela
     custa custam cost costs quanto much vendem vende sell disponivel disponiveis available`,
  ],
  [Talk.Negation, "nao no nope not"],
];

const TALK_WORDS = new Map<string, number>();
for (const [category, words] of talkEntries) {
  for (const word of wordSet(words)) TALK_WORDS.set(word, (TALK_WORDS.get(word) ?? 0) | category);
}

/** The small-talk categories of a folded word (a bit set of Talk), or 0 when it is not small talk. */
export function talkCategories(word: string): number {
  return TALK_WORDS.get(word) ?? 0;
}

/** Words that suggest the message is English, for choosing the reply language. */
export const ENGLISH_WORDS = wordSet(`
  i id im like would want please of and the an some my order orders where is are yes cancel hi hello hey
  thanks thank you dozen half with to for me can could get need how much what do have batch close summary
  delivered arrived way on it its pack box bunch tray piece pieces kilo grams liter liters eggs egg tomatoes
  tomato onions onion potatoes potato lettuce carrots apples bananas oranges lemons milk cheese rice beans
  coffee add remove more also send good morning afternoon evening help catalog products prices confirm confirmed
  juice juices water waters bread breads chicken beef pork meat fish shrimp sausage sausages butter sugar salt oil
  flour tea soap soaps bleach paper toilet apple grape grapes orange lemon lime limes coconut coconuts peppers
  cucumber cucumbers garlic carrot yogurt yogurts cake cakes cookies beer bottle bottles can cans jar jars bag bags
  bunches trays packs loaf fresh frozen ground sweet red green white black brown shipped delivery`);

/** Words that suggest the message is Portuguese. */
export const PORTUGUESE_WORDS = wordSet(`
  de do da dos das e o os as um uma dois duas tres quero queria por favor meu minha meus pedido pedidos com
  sem mais me ve bom boa dia tarde noite oi ola obrigado obrigada sim nao cade onde esta lote quilo quilos
  duzia duzias meia meio tira tirar manda pacote pacotes maco bandeja caixa litro litros vou querer pode
  qual quais preco precos produtos catalogo ajuda cancelar fechar resumo chegou entregue caminho tudo bem
  voce voces tem pra para`);

/** A word that may name goods: not filler, a verb of ordering, removing or changing, nor small talk. */
export function isProductCandidate(word: string): boolean {
  return (
    !FILLER_WORDS.has(word) &&
    !LAUGHTER.test(word) &&
    !ORDER_WORDS.has(word) &&
    !REMOVE_WORDS.has(word) &&
    !CHANGE_WORDS.has(word) &&
    talkCategories(word) === 0
  );
}
