import { parseFlatXml, textField, XmlError } from '../../../shared/pushes/flatXml';

describe('parseFlatXml', () => {
  it('reads the push envelope and a decrypted ticket push, CDATA and plain text', () => {
    expect(parseFlatXml('<xml><AppId><![CDATA[wx3c0e9f5a1b2d4c6e]]></AppId><Encrypt><![CDATA[abc+/=]]></Encrypt></xml>')).toEqual({
      AppId: 'wx3c0e9f5a1b2d4c6e',
      Encrypt: 'abc+/=',
    });
    const fields = parseFlatXml(
      '<?xml version="1.0"?>\n<xml>\n  <AppId>wx3c0e9f5a1b2d4c6e</AppId>\n  <CreateTime>1413192605</CreateTime>\n  <InfoType><![CDATA[component_verify_ticket]]></InfoType>\n  <ComponentVerifyTicket>ticket@@@a&amp;b&#x41;&#66;</ComponentVerifyTicket>\n</xml>\n',
    );
    expect(fields).toEqual({ AppId: 'wx3c0e9f5a1b2d4c6e', CreateTime: '1413192605', InfoType: 'component_verify_ticket', ComponentVerifyTicket: 'ticket@@@a&bAB' });
    expect(textField(fields, 'CreateTime')).toBe('1413192605');
    expect(textField(fields, 'Missing')).toBeUndefined();
  });

  it('keeps CDATA content verbatim (markup inside is text), joins CDATA pieces, reads empty and nested elements', () => {
    expect(parseFlatXml('<xml><A><![CDATA[<b>&amp;]]><![CDATA[x]]></A><B/><C></C><D><E>1</E><F><![CDATA[2]]></F></D></xml>')).toEqual({
      A: '<b>&amp;x',
      B: '',
      C: '',
      D: { E: '1', F: '2' },
    });
  });

  it.each([
    ['not XML at all', 'success'],
    ['an empty body', ''],
    ['another root', '<root><A>1</A></root>'],
    ['an unclosed root', '<xml><A>1</A>'],
    ['a mismatched end tag', '<xml><A>1</B></xml>'],
    ['an attribute', '<xml><A x="1">1</A></xml>'],
    ['a DOCTYPE with an entity', '<!DOCTYPE xml [<!ENTITY e "boom">]><xml><A>&e;</A></xml>'],
    ['an undeclared entity', '<xml><A>&e;</A></xml>'],
    ['a bare ampersand', '<xml><A>a & b</A></xml>'],
    ['a comment', '<xml><!-- hi --><A>1</A></xml>'],
    ['a processing instruction inside', '<xml><?pi x?><A>1</A></xml>'],
    ['an unterminated CDATA', '<xml><A><![CDATA[abc</A></xml>'],
    ['a repeated field', '<xml><A>1</A><A>2</A></xml>'],
    ['text mixed with elements', '<xml>hello<A>1</A></xml>'],
    ['content after the root', '<xml><A>1</A></xml><xml/>'],
    ['text after the root', '<xml><A>1</A></xml>junk'],
    ['a character reference to a surrogate', '<xml><A>&#xD800;</A></xml>'],
    ['nesting too deep', '<xml><a><b><c><d><e>1</e></d></c></b></a></xml>'],
    ['an oversized body', `<xml><A>${'x'.repeat(70_000)}</A></xml>`],
  ])('refuses %s', (_what, text) => {
    expect(() => parseFlatXml(text)).toThrow(XmlError);
  });
});
