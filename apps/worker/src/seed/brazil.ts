/**
 * Word lists for invented Brazilian people and addresses. Accents are deliberate: the seed data
 * exists to show that names like "João Conceição" survive the database, the PDF and the email.
 */

// Lists are written as comma-separated text to stay compact under the formatter.
function list(text: string): readonly string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export const FIRST_NAMES = list(`
  João, José, Antônio, Luís, Sebastião, Fábio, Vinícius, Otávio, Álvaro, Rogério, Sérgio,
  Caio, Gabriel, Mateus, Raí, Estêvão, Cássio, Márcio, Maria, Ana, Lúcia, Mônica, Inês,
  Cecília, Márcia, Vitória, Letícia, Patrícia, Flávia, Cláudia, Beatriz, Helena, Thaís,
  Conceição, Débora, Júlia
`);

// Common Brazilian compound first names, used for about one person in six.
export const COMPOUND_FIRST_NAMES = list(`
  Maria Antônia, Ana Lúcia, Maria José, João Vítor, José Ângelo, Luís Otávio, Maria Inês,
  Ana Cecília, Pedro Henrique, Maria da Conceição
`);

export const SURNAMES = list(`
  Conceição, Gonçalves, Araújo, Simões, Magalhães, Brandão, Falcão, Assunção, Guimarães,
  Sá, Loureiro, Patrício, Peçanha, Damião, Romão, Tavares, Rebouças, Nóbrega, Quintão,
  Aragão, Cortês, Estêvez, Antunes, Ribeiro, Ferreira, da Silva, dos Santos, de Souza,
  Lemos, Figueirêdo, Bragança, Galvão
`);

export const STREET_TYPES = ['Rua', 'Rua', 'Rua', 'Avenida', 'Alameda', 'Travessa'] as const;

export const STREET_NAMES = list(`
  São Tomé, das Acácias, dos Ipês Amarelos, Padre Estêvão Simões, Boa Esperança,
  Professora Inês Magalhães, Coronel Damião Tavares, Doutor Álvaro Guimarães,
  Santa Cecília, Jequitibá, Três Corações, Monte Alegre, São Benedito, do Sabiá,
  Irmã Conceição Falcão, das Mangueiras, Jaraguá, Maestro João Gonçalves, Paraná,
  Barão de Itaúna, Visconde de Araçá, Marquês de Olinda Nova, dos Jacarandás
`);

export interface CityEntry {
  city: string;
  /** Two-letter UF. */
  state: string;
  /** Area code used in phone numbers. */
  ddd: string;
  /** First two CEP digits of the city's range. */
  cepPrefixes: readonly string[];
  neighbourhoods: readonly string[];
}

// One city per line: name | UF | DDD | CEP prefixes | neighbourhoods.
const CITY_TABLE = `
  São Paulo | SP | 11 | 01 02 03 04 05 | Vila Mariana, Santa Cecília, Perdizes, Tatuapé, Saúde
  Campinas | SP | 19 | 13 | Cambuí, Taquaral, Guanabara
  Ribeirão Preto | SP | 16 | 14 | Jardim Irajá, Higienópolis, Jardim Sumaré
  São José dos Campos | SP | 12 | 12 | Jardim Aquarius, Vila Ema, Jardim Satélite
  Rio de Janeiro | RJ | 21 | 20 22 | Tijuca, Laranjeiras, Méier, Grajaú, Catete
  Niterói | RJ | 21 | 24 | Icaraí, Ingá, São Francisco
  Belo Horizonte | MG | 31 | 30 31 | Savassi, Funcionários, Santo Antônio, Sion
  Vitória | ES | 27 | 29 | Jardim Camburi, Praia do Canto, Jucutuquara
  Curitiba | PR | 41 | 80 81 | Água Verde, Batel, Juvevê, Bigorrilho
  Florianópolis | SC | 48 | 88 | Trindade, Itacorubi, Córrego Grande, Coqueiros
  Porto Alegre | RS | 51 | 90 91 | Moinhos de Vento, Petrópolis, Menino Deus, Bom Fim
  Salvador | BA | 71 | 40 41 | Itaigara, Graça, Rio Vermelho, Pituba
  Recife | PE | 81 | 50 52 | Boa Viagem, Graças, Espinheiro, Casa Forte
  Fortaleza | CE | 85 | 60 | Aldeota, Meireles, Fátima, Cocó
  Maceió | AL | 82 | 57 | Ponta Verde, Jatiúca, Pajuçara
  João Pessoa | PB | 83 | 58 | Tambaú, Manaíra, Cabo Branco
  Goiânia | GO | 62 | 74 | Setor Bueno, Setor Oeste, Setor Marista
  Brasília | DF | 61 | 70 71 | Asa Sul, Asa Norte, Sudoeste, Águas Claras
  Cuiabá | MT | 65 | 78 | Goiabeiras, Duque de Caxias, Jardim Itália
  Belém | PA | 91 | 66 | Nazaré, Umarizal, Batista Campos
`;

export const CITIES: readonly CityEntry[] = CITY_TABLE.trim()
  .split('\n')
  .map((line) => {
    const [city = '', state = '', ddd = '', ceps = '', neighbourhoods = ''] = line
      .split('|')
      .map((cell) => cell.trim());
    return {
      city,
      state,
      ddd,
      cepPrefixes: ceps.split(' '),
      neighbourhoods: list(neighbourhoods),
    };
  });

/** Lowercase ASCII for email local parts: "Conceição" becomes "conceicao". */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
