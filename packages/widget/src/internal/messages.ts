/**
 * Every text of the widget, in every language it ships: English, German, Japanese (the column
 * order of LANGUAGES). One row per message, so a translation is never missing (the tuple type
 * says so) and the keys ship once, not once per language: after Lit, this table is the largest part of
 * the bundle.
 *
 * German has one word for Mrs and Ms: an empty title label leaves that option out.
 * Japanese titles keep the API's values (Mr, Mrs, Ms): Japanese has no equivalent.
 */
export const LANGUAGES = ['en', 'de', 'ja'] as const;

export const MESSAGES = {
  progress: ['Progress', 'Fortschritt', '進行状況'],
  stepDetails: ['Your details', 'Ihre Daten', 'お客様情報'],
  stepCard: ['Card', 'Karte', 'カード'],
  stepProvisioning: ['Confirming', 'Bestätigung', '確認中'],
  stepSaved: ['Saved', 'Gespeichert', '保存完了'],
  stepDone: ['done', 'erledigt', '完了'],
  billingAddress: ['Billing address', 'Rechnungsadresse', '請求先住所'],
  shippingAddress: ['Shipping address', 'Lieferadresse', '配送先住所'],
  sameAsBilling: ['Ship to the billing address', 'Lieferung an die Rechnungsadresse', '請求先住所に配送'],
  optional: ['optional', 'optional', '任意'],
  title: ['Title', 'Anrede', '敬称'],
  titleMr: ['Mr', 'Herr', 'Mr'],
  titleMrs: ['Mrs', '', 'Mrs'],
  titleMs: ['Ms', 'Frau', 'Ms'],
  firstName: ['First name', 'Vorname', '名'],
  middleName: ['Middle name', 'Zweiter Vorname', 'ミドルネーム'],
  lastName: ['Last name', 'Nachname', '姓'],
  emailAddress: ['Email', 'E-Mail', 'メールアドレス'],
  dateOfBirth: ['Date of birth', 'Geburtsdatum', '生年月日'],
  mobilePhone: ['Phone', 'Telefon', '電話番号'],
  countryCode: ['Country', 'Land', '国'],
  addressLine1: ['Street', 'Straße', '町名・番地'],
  number: ['House number', 'Hausnummer', '番号'],
  addressLine2: ['Address line 2', 'Adresszusatz', '建物名・部屋番号'],
  addressLine3: ['Address line 3', 'Adresszeile 3', '住所3'],
  postCode: ['Postal code', 'Postleitzahl', '郵便番号'],
  city: ['City', 'Ort', '市区町村'],
  state: ['State or province code', 'Bundesstaat oder Provinz (Kürzel)', '州コード'],
  cardNumber: ['Card number', 'Kartennummer', 'カード番号'],
  expiry: ['Expiry date (MM/YY)', 'Gültig bis (MM/JJ)', '有効期限（MM/YY）'],
  cvc: ['Security code (CVC)', 'Prüfnummer (CVC)', 'セキュリティコード'],
  cardHolderName: ['Name on card', 'Name auf der Karte', 'カード名義'],
  continue: ['Continue', 'Weiter', '次へ'],
  saveCard: ['Save card', 'Karte speichern', 'カードを保存'],
  back: ['Back', 'Zurück', '戻る'],
  tryAgain: ['Try again', 'Erneut versuchen', 'もう一度試す'],
  wait: ['Please wait…', 'Bitte warten…', 'お待ちください…'],
  cardIntro: [
    "Enter your card in SmartPay's secure form.",
    'Geben Sie Ihre Karte im sicheren SmartPay-Formular ein.',
    'SmartPay の安全なフォームに入力してください。',
  ],
  provisioning: [
    'Confirming your card with your bank…',
    'Ihre Bank bestätigt die Karte…',
    'カード会社に確認中…',
  ],
  saved: ['Card saved', 'Karte gespeichert', 'カードを保存しました'],
  savedCard: [
    '{brand} ending in {last4}, expires {month}/{year}',
    '{brand} mit Endziffern {last4}, gültig bis {month}/{year}',
    '{brand} 末尾 {last4}（有効期限 {month}/{year}）',
  ],
  errorTitle: ['Card not saved', 'Karte nicht gespeichert', 'カードは保存されませんでした'],
  summary: [
    'Fields to correct: {count}. {field}: {error}',
    'Zu korrigieren: {count}. {field}: {error}',
    '要修正: {count}件。{field}: {error}',
  ],
  errRequired: ['This field is required.', 'Dieses Feld ist erforderlich.', '必須項目です。'],
  errTooLong: ['At most {maximum} characters.', 'Höchstens {maximum} Zeichen.', '{maximum}文字以内です。'],
  errChoice: ['Choose an option.', 'Wählen Sie eine Option.', '選択してください。'],
  errEmail: [
    'Enter an email like name@example.com.',
    'E-Mail wie name@example.com eingeben.',
    'name@example.com の形式です。',
  ],
  errDate: ['Enter a real date.', 'Gültiges Datum eingeben.', '正しい日付を入力してください。'],
  errPhone: [
    'Use digits, spaces and + ( ) - . / only.',
    'Nur Ziffern, Leerzeichen und + ( ) - . /',
    '数字、空白、+ ( ) - . / のみ',
  ],
  errTooEarly: ['Enter a date from {minimum}.', 'Datum ab {minimum} eingeben.', '{minimum}以降の日付です。'],
  errFuture: ['The date is in the future.', 'Das Datum liegt in der Zukunft.', '未来の日付です。'],
  errInvalid: ['Check this field.', 'Bitte prüfen.', '確認してください。'],
  errCardNumber: ['Check the card number.', 'Prüfen Sie die Kartennummer.', 'カード番号を確認してください。'],
  errBrand: [
    'Only Visa and Mastercard can be saved.',
    'Nur Visa und Mastercard sind möglich.',
    'Visa と Mastercard のみ保存できます。',
  ],
  errExpiry: ['Enter it as MM/YY.', 'Als MM/JJ eingeben.', 'MM/YY の形式です。'],
  errExpired: ['This card has expired.', 'Diese Karte ist abgelaufen.', '有効期限切れです。'],
  errCvc: ['Enter the 3 or 4 digit code.', '3- oder 4-stellige Nummer eingeben.', '3桁または4桁です。'],
  errNetwork: ['No connection to the server.', 'Keine Verbindung zum Server.', 'サーバーに接続できません。'],
  errServer: ['Something went wrong.', 'Etwas ist schiefgelaufen.', 'エラーが発生しました。'],
  errUnavailable: [
    'Card saving is unavailable.',
    'Speichern ist nicht verfügbar.',
    'カードを保存できません。',
  ],
  errSdk: [
    'The card form did not load. Check your connection or blocker.',
    'Das Kartenformular wurde nicht geladen. Prüfen Sie Verbindung oder Blocker.',
    'カードフォームを読み込めません。通信やブロッカーを確認してください。',
  ],
  errDeclined: [
    'Your bank declined the card.',
    'Ihre Bank hat die Karte abgelehnt.',
    'カード会社に承認されませんでした。',
  ],
  errAuth: [
    'The card could not be verified.',
    'Die Karte wurde nicht verifiziert.',
    'カードを認証できませんでした。',
  ],
  errExpiredForm: [
    'The card form timed out.',
    'Das Kartenformular ist abgelaufen.',
    'カードフォームの期限が切れました。',
  ],
} as const satisfies Record<string, readonly [en: string, de: string, ja: string]>;

export type MessageKey = keyof typeof MESSAGES;

/** One language's texts, by key: what the `messages` property overrides. */
export type Messages = { readonly [K in MessageKey]: string };
