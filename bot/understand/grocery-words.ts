import { wordSet } from "./word-lists.ts";

/**
 * Words of the grocer's trade that the catalog does not need to hold, normalized as the reader sees them (lower
 * case, no accents, singular).
 */

/**
 * Goods sold in Brazilian neighbourhood groceries. One of them, written as it is spelled, is that product and not a
 * typo of a catalog word that looks like it: "sardinha" is not "salsinha", "pimentão" is not "pimenta". Only
 * distinct goods belong here, never a synonym or a spelling of another (salsa, macaxeira), which a customer may
 * well mean as the catalog's word.
 */
export const KNOWN_GOODS = wordSet(
  `abacate abacaxi abobora abobrinha acelga acerola agriao aipim alcachofra alecrim alface alho ameixa
  amendoim amora aspargo azeitona banana batata berinjela beterraba brocolis caju caqui carambola castanha cebola
  cebolinha cenoura cereja chuchu coco coentro cogumelo couve cupuacu damasco ervilha espinafre figo
  framboesa gengibre goiaba graviola hortela inhame jabuticaba jaca jilo kiwi laranja limao mamao mandioca
  mandioquinha manga manjericao maracuja maxixe melancia melao milho morango mostarda nabo nectarina oregano pepino
  pera pessego pimenta pimentao pinha pitaya quiabo rabanete repolho rucula salsao salsinha tangerina tomate tomilho
  uva vagem
  acem alcatra atum bacalhau bacon bisteca calabresa camarao carne charque contrafile costela coxa coxao cupim figado
  file frango fraldinha hamburguer linguica lombo lula maminha merluza mexilhao mortadela musculo paleta patinho pato
  peito peixe pernil peru picanha polvo presunto salame salmao salsicha sardinha tilapia
  biscoito bolacha bolo coalhada iogurte leite manteiga margarina mucarela mussarela nata pao queijo requeijao ricota
  torrada
  acucar arroz aveia azeite cafe cha extrato farinha feijao fuba granola lentilha macarrao oleo pipoca
  polvilho tapioca trigo vinagre
  absorvente alvejante amaciante condicionador desinfetante detergente esponja fralda guardanapo rodo sabao sabonete
  shampoo vassoura
  agua cerveja guarana refrigerante suco vinho
  ovo`,
);

/**
 * Words that describe the goods rather than name another: "tomate bem maduro" is still the tomato, where
 * "arroz branco", when the catalog's only rice is "Arroz Integral", is not that rice.
 */
export const DESCRIBING_WORDS = wordSet(
  `bonito bom boa bastante bonita barato barata caprichado caprichada caseiro caseira cortado cortada congelado
  congelada cubo desossado desossada docinho docinha duro dura escolhido escolhida firme fatiado fatiada
  fresco fresca fresquinho fresquinha gelado gelada grande graudo grauda inteiro inteira limpo limpa macio macia
  maduro madura madurinho madurinha medio media miudo miuda mole novo nova organico organica
  pedaco pequeno pequena picado picada descascado descascada bife bifes primeira lavado lavada
  higienizado higienizada embalado embalada resfriado resfriada selecionado selecionada temperado temperada
  bonitinho bonitinha
  big fresh frozen large medium nice ripe sliced small whole`,
);

/**
 * Words that tell kinds of the same goods apart ("Leite Integral", "Feijão Preto", "Coco Seco"): the rest of a name
 * that starts with one of them never names the product alone ("1 integral" is no product).
 */
export const KIND_WORDS = wordSet(
  `integral desnatado semidesnatado natural cremoso refinado cristal torrado branco branca preto preta roxo roxa
  vermelho vermelha amarelo amarela verde seco seca doce salgado salgada defumado defumada cozido cozida com sem
  tradicional comum especial extra light zero diet inteiro inteira`,
);

/** Goods that are also the one kind of another goods they are sold as: "calabresa" alone is Linguiça Calabresa. */
export const KINDS_NAMED_ALONE = wordSet("calabresa mussarela mucarela muzzarela");

/**
 * Names of the same goods in different regions or words ("macaxeira", "aipim", "mandioca"; "costela de porco" for
 * "Costela Suína"). A word the catalog lacks is read as the first of its group the catalog has.
 */
export const SYNONYMS: ReadonlyMap<string, readonly string[]> = synonymGroups(`
  macaxeira aipim mandioca
  mexerica tangerina bergamota
  suino suina porco
  bovino bovina boi gado
  mussarela mucarela muzzarela mozarela
  abobora jerimum`);

function synonymGroups(text: string): ReadonlyMap<string, readonly string[]> {
  const synonyms = new Map<string, readonly string[]>();
  for (const line of text.split("\n")) {
    const group = [...wordSet(line)];
    for (const word of group)
      synonyms.set(
        word,
        group.filter((other) => other !== word),
      );
  }
  return synonyms;
}
