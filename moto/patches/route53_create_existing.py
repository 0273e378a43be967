"""ChangeResourceRecordSets CREATE of a name and type the zone already has fails.

AWS: https://docs.aws.amazon.com/Route53/latest/APIReference/API_Change.html -- "CREATE: Creates a
resource record set that has the specified values" (UPSERT is the action that updates an existing
one), and https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html
-- a change that does not fit the zone fails the whole batch with InvalidChangeBatch (400); for a
CREATE of an existing record set the message is "Tried to create resource record set
[name='www.example.com.', type='CNAME'] but it already exists".

moto 5.2.1 (``route53/models.py`` Route53Backend.change_resource_record_sets) refuses a CREATE only
when the very same change, values included, is in its journal; a CREATE with other values adds a
second record set of that name and type. siteform relies on the refusal never to overwrite a
record someone else made. The other way round, moto also refuses a CREATE of a record set that
was deleted when the very same change is in its journal and any record set sorts after its name
(its check lists the zone *from* the name on): AWS creates it. A certificate replaced for a new
name asks for the same validation CNAMEs again, so siteform deletes and creates exactly that.
"""

from moto.route53.exceptions import ResourceRecordAlreadyExists
from moto.route53.models import Route53Backend

from . import _route53


def apply():
    change = Route53Backend.change_resource_record_sets

    def change_resource_record_sets(self, zoneid, change_list):
        zone = self.get_hosted_zone(zoneid)
        absent = []
        for c, current in _route53.walk(zone, change_list):
            if c["Action"] == "CREATE" and current is not None:
                record_set = c["ResourceRecordSet"]
                raise ResourceRecordAlreadyExists(name=_route53.display_name(record_set), _type=record_set["Type"])
            if c["Action"] == "CREATE":
                absent.append(c)
        # The record set is not there: the journal's old copy of this change must not stop it.
        for c in absent:
            while c in zone.rr_changes:
                zone.rr_changes.remove(c)
        return change(self, zoneid, change_list)

    Route53Backend.change_resource_record_sets = change_resource_record_sets
