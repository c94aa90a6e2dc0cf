"""`gongzhi seed-demo [--size demo|county]`: a believable township, or a county for benchmarks.

demo:   one township, six communities (villages and urban communities), grids,
        buildings, households, about 3,000 residents and one login per role,
        and a wish wall with wishes in every state in every community, made
        through the wish actions (gongzhi.devtools.demo_wishes), and village
        conventions: last year's revision campaign (one community overdue) and
        this year's under way (gongzhi.devtools.demo_conventions), a poll open and last year's 民主评议 and
        群众评议 closed (gongzhi.devtools.demo_polls), and the service
        hall: the starter catalogue and applications in every state, some
        overdue, made through the hall's actions (gongzhi.devtools.demo_hall),
        and every community's public board (党务/村务·居务/财务公开) with a
        gap and an overdue resolution somewhere (gongzhi.devtools.demo_disclosures),
        and 四议两公开: the power list in every community, the bodies a decision
        needs, and decisions at every stage (gongzhi.devtools.demo_decisions).
county: 20 townships × 30 communities, about 1,000,000 residents,
        1,000,000 wishes (`--wishes N`) and, on the starter catalogue loaded
        into every township, 1,000,000 service-hall applications
        (`--applications N`). Synthetic benchmark data, written straight to
        the tables: no audit rows per resident, wish or application
        (gongzhi.devtools.writer, gongzhi.devtools.county_wishes,
        gongzhi.devtools.county_applications).
        `--add-applications N` adds the applications to a county seeded
        without them (no reseed).
The demo also fills every community's bodies (党组织, 两委, 监委会, the meetings,
红白理事会, 道德评议会) from its register, through the bodies' actions
(gongzhi.devtools.demo_bodies).
"""

import random
import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone
from tqdm import tqdm

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.devtools.county_applications import CountyApplicationWriter
from gongzhi.devtools.county_wishes import CountyWishWriter, Members, county_people_create
from gongzhi.devtools.demo_activities import demo_activities_seed
from gongzhi.devtools.demo_bodies import demo_bodies_seed
from gongzhi.devtools.demo_budgeting import demo_budgeting_seed
from gongzhi.devtools.demo_conventions import demo_conventions_seed
from gongzhi.devtools.demo_countyforms import demo_countyforms_seed
from gongzhi.devtools.demo_decisions import demo_decisions_seed
from gongzhi.devtools.demo_departments import DEMO_DEPARTMENTS, demo_escalations_seed
from gongzhi.devtools.demo_disclosures import demo_disclosures_seed
from gongzhi.devtools.demo_elections_count import demo_elections_count_seed
from gongzhi.devtools.demo_elections_roll import demo_elections_roll_seed
from gongzhi.devtools.demo_facilities import demo_facilities_seed
from gongzhi.devtools.demo_feedback import demo_feedback_seed
from gongzhi.devtools.demo_funds import demo_funds_seed
from gongzhi.devtools.demo_hall import demo_hall_seed
from gongzhi.devtools.demo_hall_flow import demo_hall_flow_seed
from gongzhi.devtools.demo_legal import ADVISER_USERNAME, demo_legal_seed
from gongzhi.devtools.demo_mediation import demo_mediation_seed
from gongzhi.devtools.demo_merit import demo_merit_seed
from gongzhi.devtools.demo_orgs import DEMO_ORG_REPRESENTATIVES, demo_orgs_seed
from gongzhi.devtools.demo_pairing import demo_pairing_seed
from gongzhi.devtools.demo_pledges import demo_pledges_seed
from gongzhi.devtools.demo_points import demo_points_seed
from gongzhi.devtools.demo_polls import demo_polls_seed
from gongzhi.devtools.demo_proposals import demo_proposals_seed
from gongzhi.devtools.demo_rulebook import demo_rulebook_seed
from gongzhi.devtools.demo_wishes import demo_wishes_seed
from gongzhi.devtools.demo_workforce import demo_workforce_seed
from gongzhi.devtools.generator import PeopleFactory
from gongzhi.devtools.names import TOWNSHIP_NAMES, URBAN_NAMES, VILLAGE_NAMES
from gongzhi.devtools.writer import SeedWriter, indexes_deferred
from gongzhi.hall.actions.catalogue import catalogue_starter_load
from gongzhi.residents.models import Household, Resident, ResidentEvent, Tag

DEMO_PASSWORD = "Gongzhi@Demo2026"
COUNTY_CODE = "511423"
BATCH = 5000

DEMO_ACCOUNTS: list[tuple[str, str, Role, str | int]] = [
    # username, display name, role, where ("township" | community index | "grid")
    ("zhen_admin", "周镇长", Role.TOWNSHIP_ADMIN, "township"),
    ("zhen_bumen", "吴审批", Role.TOWNSHIP_REVIEWER, "township"),
    ("cun_ganbu", "李书记", Role.COMMUNITY_STAFF, 0),
    ("cun_ganbu2", "陈主任", Role.COMMUNITY_STAFF, 3),
    ("chuangkou", "王窗口", Role.WINDOW_CLERK, 0),
    ("zhen_chuangkou", "刘窗口", Role.WINDOW_CLERK, "township"),
    ("wanggeyuan", "赵网格", Role.GRID_WORKER, "grid"),
    ("dangyuan", "孙党员", Role.PARTY_MEMBER, 0),
    ("zhiyuanzhe", "钱志愿", Role.VOLUNTEER, 0),
    ("tiaojieyuan", "郑调解", Role.MEDIATOR, 0),
    ("jianwei", "冯监委", Role.SUPERVISOR, 0),
    ("jumin", "", Role.RESIDENT, 0),
    ("xitong_admin", "系统管理员", Role.SYS_ADMIN, "root"),
    ("anquan_admin", "安全管理员", Role.SEC_ADMIN, "root"),
    ("shenji_admin", "审计管理员", Role.AUDIT_ADMIN, "root"),
]
# Where an account works, when its role alone does not say (printed with the accounts).
ACCOUNT_PLACES = {"chuangkou": "青山村便民服务站", "zhen_chuangkou": "镇便民服务中心", "jumin": "青山村"}


class Command(BaseCommand):
    help = "生成演示乡镇（--size demo）或县级规模的基准数据（--size county）。"

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=["demo", "county"], default="demo")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--townships", type=int, default=20, help="county size only")
        parser.add_argument(
            "--communities", type=int, default=30, help="communities per township, county size only"
        )
        parser.add_argument("--residents", type=int, default=1_000_000, help="county size only")
        parser.add_argument("--wishes", type=int, default=1_000_000, help="county size only")
        parser.add_argument("--applications", type=int, default=1_000_000, help="county size only")
        parser.add_argument(
            "--add-applications",
            type=int,
            default=None,
            metavar="N",
            help="county size only: add N applications to a county seeded without them",
        )
        parser.add_argument(
            "--add-year",
            type=int,
            default=None,
            metavar="YEAR",
            help="county size only: add a year of every module's records to a seeded county",
        )
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **opts):
        if opts["add_year"] is not None:
            self.add_year(opts["add_year"], opts["seed"])
            return
        if opts["add_applications"] is not None:
            self.add_applications(opts["add_applications"], opts["seed"], opts["quiet"])
            return
        if Area.objects.exists():
            if opts["size"] == "demo" and User.objects.filter(username="cun_ganbu").exists():
                self.stdout.write("演示数据已存在，跳过生成。")
                self.print_accounts()
                return
            raise CommandError("数据库中已有区域数据。请使用空数据库生成演示数据。")
        started = time.monotonic()
        factory = PeopleFactory(opts["seed"], COUNTY_CODE)
        rng = random.Random(opts["seed"])
        if opts["size"] == "demo":
            root = area_create_unchecked(
                kind=AreaKind.TOWNSHIP, name="永安镇", parent=None, code=f"{COUNTY_CODE}101000"
            )
            with transaction.atomic():
                communities = self.build_township(root, 101, 6, rng, demo=True)
            total = self.populate(communities, 3000, factory, rng, opts["quiet"])
            self.create_accounts(root, communities)
            wishes = demo_wishes_seed(
                communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 1)
            )
            demo_conventions_seed(
                communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 2)
            )
            # The public boards (党务/村务·居务/财务公开), after the conventions whose adoption they publish.
            demo_disclosures_seed(
                communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 4)
            )
            # Every community's bodies and who sits on them, from the register (gongzhi.devtools.demo_bodies),
            # before the features that hold their meetings.
            demo_bodies_seed(communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 5))
            demo_mediation_seed(communities=[c[0] for c in communities], password=make_password(DEMO_PASSWORD), rng=random.Random(opts["seed"] + 7))  # fmt: skip
            # The registry of social organisations and a representative (before the proposals' 协同参与).
            demo_orgs_seed(
                township=root,
                communities=[c[0] for c in communities],
                password=make_password(DEMO_PASSWORD),
                rng=random.Random(opts["seed"] + 6),
            )
            # 四议两公开: the power list (the bodies it lacks) and a decision at every stage (publishing on the boards).
            demo_decisions_seed(
                township=root, communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 5)
            )
            demo_escalations_seed(
                township=root,
                resident=User.objects.get(username="jumin"),
                handler=User.objects.get(username="cun_ganbu"),
                password=make_password(DEMO_PASSWORD),
            )
            # The service hall's starter catalogue (事项目录范本), loaded by the township's admin.
            catalogue_starter_load(User.objects.get(username="zhen_admin"), root)
            applications = demo_hall_seed(
                township=root,
                communities=[c[0] for c in communities],
                rng=random.Random(opts["seed"] + 3),
            )
            # A 低保 recommendation on the village power list (C01), part-way: published, an objection waiting.
            demo_hall_flow_seed(
                township=root, communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 6)
            )
            demo_proposals_seed(communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 4))
            demo_activities_seed(communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 7))
            demo_polls_seed(
                communities=[c[0] for c in communities],
                password=make_password(DEMO_PASSWORD),
                rng=random.Random(opts["seed"] + 4),
            )
            demo_merit_seed(communities=[c[0] for c in communities], password=make_password(DEMO_PASSWORD), rng=random.Random(opts["seed"] + 7))  # fmt: skip
            demo_legal_seed(township=root, communities=[c[0] for c in communities], password=make_password(DEMO_PASSWORD), rng=random.Random(opts["seed"] + 7))  # fmt: skip
            demo_points_seed(township=root, communities=[c[0] for c in communities], password=make_password(DEMO_PASSWORD), rng=random.Random(opts["seed"] + 7))  # fmt: skip
            # 双亮: party members' pledges (after the wishes, whose helpers are the demo party members).
            demo_pledges_seed(communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 8))
            demo_pairing_seed(township=root, communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 13))  # fmt: skip
            # The election round in progress: committees, rolls, objections, proxies (gongzhi.elections).
            demo_elections_roll_seed(township=root, communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 8))  # fmt: skip
            # The round's candidates, count and results (gongzhi.elections): published, in disagreement, filed.
            demo_elections_count_seed(township=root, communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 8))  # fmt: skip
            # 阵地: each community's facilities, the township's standard and bookings (gongzhi.facilities).
            demo_facilities_seed(township=root, communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 14))  # fmt: skip
            # 制度: each community's 自治章程 and 十制度 adopted at its representatives' meeting (gongzhi.rulebook).
            demo_rulebook_seed(communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 16))
            # 队伍: targets, people in posts, training and purchased-services contracts (gongzhi.workforce).
            demo_workforce_seed(township=root, communities=[c[0] for c in communities], rng=random.Random(opts["seed"] + 15))  # fmt: skip
            # Suggestions and complaints about gongzhi itself, answered by the township office (gongzhi.feedback).
            demo_feedback_seed(township=root)
            # 经费: a year of funds, plans, expenditures, 民主理财 and finance boards (gongzhi.funds).
            demo_funds_seed(township=root, communities=[c[0] for c in communities], password=make_password(DEMO_PASSWORD), rng=random.Random(opts["seed"] + 15))  # fmt: skip
            # 村公资金: 青山村's 议事会 decides this year's projects; the second community is still collecting (budgeting).
            demo_budgeting_seed(communities=[c[0] for c in communities], password=make_password(DEMO_PASSWORD), rng=random.Random(opts["seed"] + 17))  # fmt: skip
            # The county's 基本情况表, filled from the register and the records (gongzhi.oversight county forms).
            demo_countyforms_seed(township=root)
        else:
            root = area_create_unchecked(kind=AreaKind.COUNTY, name="洪川县", parent=None)
            communities = []
            for t in range(opts["townships"]):
                name = TOWNSHIP_NAMES[t % len(TOWNSHIP_NAMES)] + ("" if t < len(TOWNSHIP_NAMES) else str(t))
                with transaction.atomic():
                    township = area_create_unchecked(
                        kind=AreaKind.TOWNSHIP, name=name, parent=root, code=f"{COUNTY_CODE}{101 + t:03d}000"
                    )
                    communities += self.build_township(
                        township, 101 + t, opts["communities"], rng, demo=False
                    )
            total = self.populate(communities, opts["residents"], factory, rng, opts["quiet"])
            first_township = root.children.first()
            assert first_township is not None  # made in the loop above
            self.create_accounts(
                first_township,
                [c for c in communities if c[0].path.startswith(first_township.path)],
            )
            wishes = self.county_wishes(
                [c[0] for c in communities], opts["wishes"], opts["seed"], opts["quiet"]
            )
            applications = self.county_applications(
                [c[0] for c in communities], opts["applications"], opts["seed"], opts["quiet"]
            )
        with transaction.atomic():
            audit_event_record(
                actor=None,
                verb="system.seeded",
                actor_label="seed-demo",
                summary={
                    "size": opts["size"],
                    "residents": total,
                    "communities": len(communities),
                    "wishes": wishes,
                    "applications": applications,
                },
            )
        self.optimise()
        self.stdout.write(
            f"已生成 {len(communities)} 个村(社区)、{total} 位居民、{wishes} 个微心愿、{applications} 个办件，"
            f"用时 {time.monotonic() - started:.0f} 秒。"
        )
        if opts["size"] == "demo":
            self.print_accounts()

    @staticmethod
    def optimise():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA optimize")
        else:
            # VACUUM as well: after a bulk load the visibility map is empty and
            # index-only scans would still visit every table page.
            with connection.cursor() as cursor:
                # VACUUM cannot run in a transaction (the tests seed inside one): ANALYZE alone there.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")

    def add_applications(self, count, seed, quiet):
        """The service hall's applications added to a county seeded without them (no reseed needed)."""
        from gongzhi.audit.models import AuditEvent
        from gongzhi.cases.models import Case
        from gongzhi.hall.workflow import APPLICATION_KIND

        if (
            not AuditEvent.objects.filter(verb="system.seeded").exists()
            or Area.objects.filter(kind=AreaKind.COUNTY).count() != 1
        ):
            raise CommandError("--add-applications 只能用于已生成的县级基准数据库。")
        if Case.objects.filter(kind=APPLICATION_KIND).exists():
            raise CommandError("数据库中已有办件，不再追加。")
        started = time.monotonic()
        communities = list(Area.objects.filter(kind=AreaKind.COMMUNITY).order_by("path"))
        written = self.county_applications(communities, count, seed, quiet)
        with transaction.atomic():
            audit_event_record(
                actor=None,
                verb="system.seeded",
                actor_label="seed-demo",
                summary={"size": "county", "added": "applications", "applications": written},
            )
        self.optimise()
        self.stdout.write(f"已追加 {written} 个办件，用时 {time.monotonic() - started:.0f} 秒。")

    def add_year(self, year, seed):
        """A year of every module's records (gongzhi.devtools.county_year) added to a seeded county."""
        from gongzhi.audit.models import AuditEvent
        from gongzhi.devtools.county_year import county_year_write
        from gongzhi.selfgov.models import Decision

        if (
            not AuditEvent.objects.filter(verb="system.seeded").exists()
            or Area.objects.filter(kind=AreaKind.COUNTY).count() != 1
        ):
            raise CommandError("--add-year 只能用于已生成的县级基准数据库。")
        if Decision.objects.exists():
            raise CommandError("数据库中已有决策事项，不再追加。")
        started = time.monotonic()
        written = county_year_write(year, seed + 3, timezone.localdate())
        with transaction.atomic():
            audit_event_record(
                actor=None,
                verb="system.seeded",
                actor_label="seed-demo",
                summary={"size": "county", "added": "year", "year": year, "rows": sum(written.values())},
            )
        self.optimise()
        self.stdout.write(
            f"已追加 {year} 年的数据（{sum(written.values())} 行），用时 {time.monotonic() - started:.0f} 秒。"
        )

    def county_applications(self, communities, count, seed, quiet):
        if count <= 0:
            return 0
        writer = CountyApplicationWriter(communities, seed + 2)
        bar = tqdm(total=count, unit="件", unit_scale=True, disable=quiet, desc="生成办件")
        written = writer.write(count, progress=bar.update)
        bar.close()
        return written

    def build_township(self, township, township_no, count, rng, demo):
        """[(community, [grids], [buildings or None])]"""
        result = []
        for index in range(count):
            urban = index % 3 == 2
            names = URBAN_NAMES if urban else VILLAGE_NAMES
            base = names[(index // 3 if urban else index - index // 3) % len(names)]
            name = base if demo else f"{base}{index + 1}"
            code = f"{COUNTY_CODE}{township_no:03d}{(200 if urban else 0) + index + 1:03d}"
            community = area_create_unchecked(
                kind=AreaKind.COMMUNITY,
                name=name,
                parent=township,
                code=code,
                community_type="urban" if urban else "village",
            )
            grids, buildings = [], []
            if urban:
                for g in range(rng.randint(4, 6)):
                    grid = area_create_unchecked(kind=AreaKind.GRID, name=f"第{g + 1}网格", parent=community)
                    grids.append(grid)
                    for b in range(rng.randint(3, 6)):
                        buildings.append(
                            area_create_unchecked(
                                kind=AreaKind.BUILDING, name=f"{g + 1}-{b + 1}栋", parent=grid
                            )
                        )
            else:
                for g in range(rng.randint(4, 6)):
                    group = area_create_unchecked(
                        kind=AreaKind.RESIDENT_GROUP, name=f"{g + 1}组", parent=community
                    )
                    grids.append(
                        area_create_unchecked(kind=AreaKind.GRID, name=f"{g + 1}组网格", parent=group)
                    )
            result.append((community, grids, buildings))
        return result

    def populate(self, communities, target, factory, rng, quiet):
        tables: list[type[models.Model]] = [Household, Resident, ResidentEvent, Resident.tags.through]
        with indexes_deferred(tables):
            created = self.generate(communities, target, factory, rng, quiet)
            if not quiet:
                self.stderr.write("正在建立索引…")
        return created

    def generate(self, communities, target, factory, rng, quiet):
        tags = {t.code: t.pk for t in Tag.objects.all()}
        sensitive = set(Tag.objects.filter(is_sensitive=True).values_list("pk", flat=True))
        members = self.members = Members()
        per_community = max(1, target // len(communities))
        writer = SeedWriter()
        bar = tqdm(total=target, unit="人", unit_scale=True, disable=quiet, desc="生成居民")
        for c_index, (community, grids, buildings) in enumerate(communities):
            quota = (
                per_community if c_index < len(communities) - 1 else target - writer.written - writer.pending
            )
            places = {grid.pk: [b for b in buildings if b.parent_id == grid.pk] or [grid] for grid in grids}
            house_no = 0
            while quota > 0:
                house_no += 1
                grid = rng.choice(grids)
                area = rng.choice(places[grid.pk])
                address = (
                    f"{community.name}{area.name}{rng.randint(1, 30)}单元{rng.randint(1, 30)}号"
                    if area.kind == AreaKind.BUILDING
                    else f"{community.name}{grid.name.replace('网格', '')}{rng.randint(1, 150)}号"
                )
                household_id = writer.household(
                    number=f"{community.code[-6:]}{house_no:05d}",
                    area=area,
                    community=community,
                    address=address,
                )
                for person, relation in factory.household():
                    if quota <= 0:
                        break
                    quota -= 1
                    age = (factory.today - person.birth_date).days // 365
                    # The draws happen in this order; keep it so that a seed gives the same people.
                    ethnicity = "01" if rng.random() < 0.93 else rng.choice(["03", "04", "07", "15", "13"])
                    political = self.political(rng, age)
                    education = self.education(rng, age)
                    residence = rng.choices(["registered", "resident_nonlocal", "floating"], [85, 10, 5])[0]
                    tag_ids = self.tags_for(rng, tags, age, political)
                    pk = writer.resident(
                        person,
                        household_id=household_id,
                        relation=relation,
                        area=area,
                        community=community,
                        grid=area if area.kind == AreaKind.GRID else grid,
                        ethnicity=ethnicity,
                        political_status=political,
                        education=education,
                        marital_status=self.marital(age, relation),
                        registered_address=f"四川省洪川县{address}",
                        current_address=address,
                        residence_type=residence,
                        tag_ids=tag_ids,
                    )
                    members.add(community.pk, pk, area.path, not sensitive.isdisjoint(tag_ids))
                if writer.pending >= BATCH:
                    bar.update(writer.flush())
        bar.update(writer.flush())
        writer.finish()
        bar.close()
        return writer.written

    def county_wishes(self, communities, count, seed, quiet):
        if count <= 0:
            return 0
        people = county_people_create(communities)
        writer = CountyWishWriter(communities, self.members, people, seed + 1)
        bar = tqdm(total=count, unit="个", unit_scale=True, disable=quiet, desc="生成微心愿")
        written = writer.write(count, progress=bar.update)
        bar.close()
        self.members = Members()  # let the residents list go
        return written

    @staticmethod
    def political(rng, age):
        if age < 14:
            return "13"
        if age < 28 and rng.random() < 0.3:
            return "03"
        return "01" if rng.random() < 0.08 else "13"

    @staticmethod
    def education(rng, age):
        if age < 7:
            return ""
        if age < 13:
            return "80"
        if age < 16:
            return "70"
        return rng.choices(["20", "30", "60", "70", "80", "40"], [8, 10, 18, 34, 25, 5])[0]

    @staticmethod
    def marital(age, relation):
        if relation in ("02", "10", "50") and age >= 22:
            return "20" if age < 75 else "30"
        return "10" if age >= 16 else ""

    @staticmethod
    def tags_for(rng, tags, age, political):
        chosen = []
        if political in ("01", "02"):
            chosen.append(tags["party_member"])
        if age >= 65 and rng.random() < 0.25:
            chosen.append(tags["left_behind_elderly"])
        if age < 16 and rng.random() < 0.12:
            chosen.append(tags["left_behind_child"])
        if rng.random() < 0.04:
            chosen.append(tags["dibao"])
        if rng.random() < 0.02:
            chosen.append(tags["disabled"])
        if 25 < age < 70 and rng.random() < 0.03:
            chosen.append(tags["veteran"])
        if 20 < age < 70 and rng.random() < 0.02:
            chosen.append(tags["legal_literate"])
        return chosen

    def create_accounts(self, township, communities):
        community_areas = [c[0] for c in communities]
        first_grid = communities[0][1][0]
        root = Area.objects.filter(parent__isnull=True).first()
        # One hash for the one shared demo password: each hash costs a deliberate ~0.3 s.
        password = make_password(DEMO_PASSWORD)
        for username, display, role, where in DEMO_ACCOUNTS:
            if where == "township":
                area = township
            elif where == "root":
                area = root
            elif where == "grid":
                area = first_grid
            else:
                area = community_areas[min(int(where), len(community_areas) - 1)]
            user = User(username=username, display_name=display, email=f"{username}@demo.gongzhi.local")
            user.password = password
            user.save()
            RoleAssignment.objects.create(user=user, role=role, area=area, area_path=area.path)
            if role == Role.RESIDENT:
                resident = Resident.objects.filter(
                    community=area, user__isnull=True, relation_to_head="02"
                ).first()
                assert resident is not None  # populate() gave every community household heads
                resident.user = user
                resident.save(update_fields=["user"])
                user.display_name = resident.name
                user.save(update_fields=["display_name"])

    def print_accounts(self):
        self.stdout.write("")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, _display, role, _where in DEMO_ACCOUNTS:
            where = ACCOUNT_PLACES.get(username, "")
            self.stdout.write(f"  {username:<14} {Role(role).label}{f'（{where}）' if where else ''}")
        for department, _kind, username, _display in DEMO_DEPARTMENTS:
            self.stdout.write(f"  {username:<14} {Role.TOWNSHIP_REVIEWER.label}（{department}）")
        for username, _display, _which in DEMO_ORG_REPRESENTATIVES:
            self.stdout.write(f"  {username:<14} {Role.ORG_REPRESENTATIVE.label}（青山村乡贤理事会等）")
        self.stdout.write(f"  {'tiaojie_zhuren':<14} {Role.MEDIATOR.label}（青山村人民调解委员会主任）")
        self.stdout.write(f"  {ADVISER_USERNAME:<14} 法律顾问（青山村，在“法治”里发布咨询时段）")
        self.stdout.write("")
