import { describe, expect, it } from 'vitest';
import { extractConsentStatement } from '../../../src/core/draft/extract-consent.ts';

describe('extractConsentStatement', () => {
  it.each([
    // Dutch (Connox)
    ['Door akkoord te gaan met dit privacybeleid wordt alleen toestemming verleend om GCM te gebruiken door onze website te bezoeken.', 'basis'],
    ['De wettelijke basis voor het gebruik van marketing cookies is art. 6 (1) a) DSGVO in combinatie met jouw toestemming.', 'basis'],
    ['Het gebruik van noodzakelijke cookies is mogelijk en toegestaan zonder uw voorafgaande toestemming.', 'not-required'],
    [
      'De gegevens die via de functie Remarketing Tag zijn verzameld, worden zonder uw toestemming niet gebruikt om u persoonlijk te identificeren.',
      'condition',
    ],
    ['U kunt uw toestemming te allen tijde intrekken via onze toestemmingsmanager.', 'withdrawal'],
    ['Matomo is configured without cookies, so it does not require your consent.', 'not-required'],
    ['Die Reichweitenmessung bedarf keiner Einwilligung.', 'not-required'],
    ['Cette mesure d’audience ne nécessite pas votre consentement.', 'not-required'],
    ['GCM is een hulpmiddel met inachtneming van de toestemming of afwijzing van advertentiecookies.', 'mention'],
    // German
    ['Wir setzen Marketing-Cookies nur mit Ihrer Einwilligung ein.', 'required'],
    ['Die Verarbeitung erfolgt auf Grundlage Ihrer Einwilligung.', 'basis'],
    ['Sie können Ihre Einwilligung jederzeit widerrufen.', 'withdrawal'],
    ['Notwendige Cookies werden ohne Ihre Einwilligung gesetzt.', 'not-required'],
    // English
    ['Advertising cookies are only set with your consent.', 'required'],
    ['We process your e-mail address based on your consent.', 'basis'],
    ['You may withdraw your consent at any time.', 'withdrawal'],
  ])('%s', (text, kind) => {
    expect(extractConsentStatement(text)?.kind).toBe(kind);
  });

  it('returns null when consent is not mentioned', () => {
    expect(extractConsentStatement('We use cookies.')).toBeNull();
  });
});
