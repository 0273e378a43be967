"""ChangeResourceRecordSets DELETE of a record set the zone does not have fails.

AWS: https://docs.aws.amazon.com/Route53/latest/APIReference/API_Change.html -- "DELETE: Deletes a
existing resource record set", and
https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html -- a
change that does not fit the zone fails the batch with InvalidChangeBatch (400): "Tried to delete
resource record set [name='www.example.com.', type='CNAME'] but it was not found".

moto 5.2.1 (``route53/models.py`` Route53Backend.change_resource_record_sets) checks a DELETE
against its journal of past changes, not the zone: deleting a record set that was created and
already deleted succeeds and does nothing; one never created fails with InvalidInput and a message
about missing fields.
"""

from moto.route53.models import Route53Backend

from . import _route53


def apply():
    change = Route53Backend.change_resource_record_sets

    def change_resource_record_sets(self, zoneid, change_list):
        zone = self.get_hosted_zone(zoneid)
        for c, current in _route53.walk(zone, change_list):
            if c["Action"] == "DELETE" and current is None:
                record_set = c["ResourceRecordSet"]
                raise _route53.InvalidChangeBatch(
                    f"Tried to delete resource record set [name='{_route53.display_name(record_set)}', "
                    f"type='{record_set['Type']}'] but it was not found")
        return change(self, zoneid, change_list)

    Route53Backend.change_resource_record_sets = change_resource_record_sets
