"""ChangeResourceRecordSets DELETE must carry the record set's current values.

AWS: https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html --
"DELETE: Deletes an existing resource record set that has the specified values"; to delete one,
you specify all the same values it has now (TTL and values, or the alias target). Otherwise the
batch fails with InvalidChangeBatch (400): "Tried to delete resource record set
[name='www.example.com.', type='CNAME'] but the values provided do not match the current values".

moto 5.2.1 (``route53/models.py`` Route53Backend.change_resource_record_sets) compares a DELETE with
any CREATE or UPSERT in its journal, not with the record set as it is now: after an UPSERT to new
values, a DELETE with the old ones still deletes the record.
"""

from moto.route53.models import Route53Backend

from . import _route53


def apply():
    change = Route53Backend.change_resource_record_sets

    def change_resource_record_sets(self, zoneid, change_list):
        zone = self.get_hosted_zone(zoneid)
        for c, current in _route53.walk(zone, change_list):
            record_set = c["ResourceRecordSet"]
            if c["Action"] == "DELETE" and current is not None and current != _route53.values_of(record_set):
                raise _route53.InvalidChangeBatch(
                    f"Tried to delete resource record set [name='{_route53.display_name(record_set)}', "
                    f"type='{record_set['Type']}'] but the values provided do not match the current values")
        return change(self, zoneid, change_list)

    Route53Backend.change_resource_record_sets = change_resource_record_sets
