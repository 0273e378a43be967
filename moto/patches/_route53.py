"""Shared plumbing for the Route53 ChangeResourceRecordSets patches: the zone's record sets as
each change of a batch sees them, and Route53's InvalidChangeBatch error."""

from moto.route53.exceptions import Route53ClientError


class InvalidChangeBatch(Route53ClientError):
    """Route53's 400 for a change that does not fit the zone, with AWS's own message."""

    def __init__(self, message):
        super().__init__("InvalidChangeBatch", message)


def _name(name):
    return (name or "").rstrip(".").lower()


def _values(records):
    out = []
    for r in records or []:
        value = r.get("Value") if isinstance(r, dict) else r
        out.append(str(value).rstrip(".").lower())
    return sorted(out)


def _alias(alias):
    if not alias:
        return None
    return (
        _name(alias.get("DNSName")),
        str(alias.get("HostedZoneId") or "").replace("/hostedzone/", ""),
        str(alias.get("EvaluateTargetHealth")).lower() == "true",
    )


def _ttl(ttl):
    return None if ttl in (None, "") else int(ttl)


def key_of(record_set):
    """What makes a record set unique in a zone: name, type and set identifier."""
    return (_name(record_set.get("Name")), record_set.get("Type"), record_set.get("SetIdentifier"))


def values_of(record_set):
    """The values Route53 compares a DELETE against: TTL and values, or the alias target."""
    alias = _alias(record_set.get("AliasTarget"))
    if alias:
        return ("alias", alias)
    return ("simple", _ttl(record_set.get("TTL")), _values(record_set.get("ResourceRecords")))


def _stored_values(rrset):
    if rrset.alias_target:
        return ("alias", _alias(rrset.alias_target))
    return ("simple", _ttl(rrset.ttl), _values(rrset.records))


def walk(zone, change_list):
    """Yields (change, current values or None) for each change, the zone as the changes before it
    in the batch left it: Route53 applies a batch's changes in order, all or none."""
    present = {}
    for rrset in zone.rrsets:
        key = (_name(rrset.name), rrset.type, rrset.set_identifier)
        present[key] = _stored_values(rrset)
    for change in change_list:
        record_set = change["ResourceRecordSet"]
        key = key_of(record_set)
        yield change, present.get(key)
        if change["Action"] == "DELETE":
            present.pop(key, None)
        else:
            present[key] = values_of(record_set)


def display_name(record_set):
    name = record_set.get("Name") or ""
    return name if name.endswith(".") else name + "."
