#!/usr/bin/env python3
"""What the tests ask of outside tools, one JSON object on stdout per call.

  pdf_tools.py pdfa PROFILE FILE       PDF/A validation with page-validation (1b, 2b)
  pdf_tools.py sign IN OUT DIR         a test certificate made in DIR; IN signed into its
                                       existing empty field ChuKy (never a new one) with
                                       pyHanko; the signature validated, trusting that
                                       certificate; the pages' content streams compared
  pdf_tools.py compress IN OUT         IN written anew by pyHanko: a cross-reference stream,
                                       the objects but the catalog and streams in an object
                                       stream
  pdf_tools.py revisions FILE          each revision's kind of cross-reference section, oldest
                                       first (STANDARD: a table, STREAM: a stream)
"""
import datetime
import json
import os
import sys


def pdfa(profile, path):
    import page

    report = page.validate_pdf(path, profile=profile)
    return {"hop_le": report.is_compliant, "loi": [f"{f.rule_id}: {f.message}" for f in report.failures]}


def certificate(folder):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Pham Quang Sang (thu nghiem)"),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
    now = datetime.datetime.now(datetime.timezone.utc)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False,
                          crl_sign=False, encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(key, hashes.SHA256()))
    paths = (os.path.join(folder, "key.pem"), os.path.join(folder, "cert.pem"))
    with open(paths[0], "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    with open(paths[1], "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    return paths


def contents(path):
    """Each page's content stream bytes."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(path, "rb") as f:
        reader = PdfFileReader(f)
        out = []
        for kid in reader.root["/Pages"]["/Kids"]:
            c = kid.get_object()["/Contents"]
            parts = c if isinstance(c, list) else [c]
            out.append(b"".join(p.get_object().data for p in parts).hex())
        return out


def sign(src, dst, folder):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.stamp import NoOpStampStyle
    from pyhanko_certvalidator import ValidationContext

    key, cert = certificate(folder)
    with open(src, "rb") as f:
        empty = [name for name, _, _ in fields.enumerate_sig_fields(PdfFileReader(f), filled_status=False)]
    signer = signers.SimpleSigner.load(key, cert, key_passphrase=None)
    meta = signers.PdfSignatureMetadata(field_name="ChuKy", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    with open(src, "rb") as inf, open(dst, "wb") as outf:
        # The field's own (empty) appearance is kept; no new field may be made.
        signers.PdfSigner(meta, signer=signer, stamp_style=NoOpStampStyle()).sign_pdf(
            IncrementalPdfFileWriter(inf), existing_fields_only=True, output=outf)
    context = ValidationContext(trust_roots=[load_cert_from_pemder(cert)], allow_fetching=False)
    with open(dst, "rb") as f:
        reader = PdfFileReader(f)
        sig = reader.embedded_signatures[0]
        status = validate_pdf_signature(sig, context)
        count = len(list(fields.enumerate_sig_fields(reader)))
    return {
        "o_trong": empty,
        "so_o": count,
        "o_da_ky": sig.field_name,
        "nguyen_ven": status.intact,
        "hop_le": status.valid,
        "tin_cay": status.trusted,
        "pham_vi": status.coverage.name,
        "noi_dung_giong": contents(src) == contents(dst),
    }


def compress(src, dst):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import PdfFileWriter

    with open(src, "rb") as f, open(dst, "wb") as out:
        writer = PdfFileWriter(stream_xrefs=True, init_page_tree=False)
        packed = writer.prepare_object_stream()
        writer.root.update(writer.import_object(PdfFileReader(f).root, obj_stream=packed))
        writer.write(out)
    return {"doi_tuong_nen": len(list(packed))}


def revisions(path):
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(path, "rb") as f:
        xrefs = PdfFileReader(f).xrefs
        kinds = [xrefs.get_xref_container_info(i).xref_section_type.name for i in range(xrefs.total_revisions)]
    return {"bang": kinds}


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    result = {"pdfa": pdfa, "sign": sign, "compress": compress, "revisions": revisions}[command](*rest)
    print(json.dumps(result, ensure_ascii=False))
