// Test data for the routing tests (small public benchmark instances, kept verbatim).

/** CVRPLIB A-n32-k5 (Augerat et al. 1995), proven optimum 784 with 5 routes (rounded EUC_2D). */
export const A_N32_K5_VRP = `NAME : A-n32-k5
COMMENT : (Augerat et al, No of trucks: 5, Optimal value: 784)
TYPE : CVRP
DIMENSION : 32
EDGE_WEIGHT_TYPE : EUC_2D 
CAPACITY : 100
NODE_COORD_SECTION 
 1 82 76
 2 96 44
 3 50 5
 4 49 8
 5 13 7
 6 29 89
 7 58 30
 8 84 39
 9 14 24
 10 2 39
 11 3 82
 12 5 10
 13 98 52
 14 84 25
 15 61 59
 16 1 65
 17 88 51
 18 91 2
 19 19 32
 20 93 3
 21 50 93
 22 98 14
 23 5 42
 24 42 9
 25 61 62
 26 9 97
 27 80 55
 28 57 69
 29 23 15
 30 20 70
 31 85 60
 32 98 5
DEMAND_SECTION 
1 0 
2 19 
3 21 
4 6 
5 19 
6 7 
7 12 
8 16 
9 6 
10 16 
11 8 
12 14 
13 21 
14 16 
15 3 
16 22 
17 18 
18 19 
19 1 
20 24 
21 8 
22 12 
23 4 
24 8 
25 24 
26 24 
27 2 
28 20 
29 15 
30 2 
31 14 
32 9 
DEPOT_SECTION 
 1  
 -1  
EOF 
`;

/** Solomon (1987) C101 restricted to its first 25 customers (the classic "C101.25"). */
export const C101_25_TXT = `C101

VEHICLE
NUMBER     CAPACITY
  25         200

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME
 
    0      40         50          0          0       1236          0   
    1      45         68         10        912        967         90   
    2      45         70         30        825        870         90   
    3      42         66         10         65        146         90   
    4      42         68         10        727        782         90   
    5      42         65         10         15         67         90   
    6      40         69         20        621        702         90   
    7      40         66         20        170        225         90   
    8      38         68         20        255        324         90   
    9      38         70         10        534        605         90   
   10      35         66         10        357        410         90   
   11      35         69         10        448        505         90   
   12      25         85         20        652        721         90   
   13      22         75         30         30         92         90   
   14      22         85         10        567        620         90   
   15      20         80         40        384        429         90   
   16      20         85         40        475        528         90   
   17      18         75         20         99        148         90   
   18      15         75         20        179        254         90   
   19      15         80         10        278        345         90   
   20      30         50         10         10         73         90   
   21      30         52         20        914        965         90   
   22      28         52         20        812        883         90   
   23      28         55         10        732        777         90   
   24      25         50         10         65        144         90   
   25      25         52         40        169        224         90   
`;

/** Solomon (1987) R101 restricted to its first 25 customers ("R101.25"). */
export const R101_25_TXT = `R101

VEHICLE
NUMBER     CAPACITY
  25         200

CUSTOMER
CUST NO.   XCOORD.   YCOORD.    DEMAND   READY TIME   DUE DATE   SERVICE TIME
 
    0          35      35           0       0         230           0
    1          41      49          10     161         171          10
    2          35      17           7      50          60          10
    3          55      45          13     116         126          10
    4          55      20          19     149         159          10
    5          15      30          26      34          44          10
    6          25      30           3      99         109          10
    7          20      50           5      81          91          10
    8          10      43           9      95         105          10
    9          55      60          16      97         107          10
   10          30      60          16     124         134          10
   11          20      65          12      67          77          10
   12          50      35          19      63          73          10
   13          30      25          23     159         169          10
   14          15      10          20      32          42          10
   15          30       5           8      61          71          10
   16          10      20          19      75          85          10
   17           5      30           2     157         167          10
   18          20      40          12      87          97          10
   19          15      60          17      76          86          10
   20          45      65           9     126         136          10
   21          45      20          11      62          72          10
   22          45      10          18      97         107          10
   23          55       5          29      68          78          10
   24          65      35           3     153         163          10
   25          65      20           6     172         182          10
`;
